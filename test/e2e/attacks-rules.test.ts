// What the gate withstands: a change (or the AI agent writing it) trying to loosen the rules it
// is judged by, replay the adoption rule, hide code or records in the evidence folder, or delete
// evidence. Each case is a bypass that once worked; each goes through the built bin and, where the
// bypass went through a hook, through a real `git commit` / `git push` to a local bare remote.
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e \\"process.exit(0)\\""]\n';
const LOOSE = 'version: 1\nplan: { required: false }\nreview: { required: false }\nrun: { required: false }\ntests: { required: false }\n';
const PLAN = '## Goal\nPrices.\n## Approach\nEdit price.ts.\n## Risks\nNone.\n## Test checklist\n- [ ] rounds half up\n';
const TEST = "import { it } from 'vitest';\nit('rounds half up', () => {});\n";

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

/** A project that adopted reviewgate (committed config), both hooks installed, main on a bare `origin`. */
async function project(config = CONFIG) {
  const repo = makeRepo();
  const remote = makeRepo({ bare: true });
  cleanup.push(() => repo.remove(), () => remote.remove());
  repo.write('.gitignore', 'node_modules/\n');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  repo.write('.reviewgate.yml', config);
  repo.write('README.md', 'shop\n');
  repo.commitAll('adopt reviewgate');
  expect((await runInProcess(repo.dir, ['hooks', 'install'])).code).toBe(0);
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', '--no-verify', 'origin', 'main');
  repo.git('remote', 'set-head', 'origin', 'main');
  const remoteTip = (ref: string) => remote.gitResult(['rev-parse', '-q', '--verify', ref]).stdout.trim();
  return { repo, remote, remoteTip };
}

function commit(repo: TestRepo, message = 'change') {
  const before = repo.git('rev-parse', 'HEAD');
  const r = repo.gitResult(['commit', '-m', message]);
  return { output: `${r.stdout}${r.stderr}`, status: r.status, committed: repo.git('rev-parse', 'HEAD') !== before };
}

function push(repo: TestRepo, ...args: string[]) {
  const r = repo.gitResult(['push', 'origin', ...args]);
  return { output: `${r.stdout}${r.stderr}`, status: r.status };
}

const unreviewedCode = (repo: TestRepo, n = 1) => repo.write(`src/cart/price${n}.ts`, `export const price${n} = ${n};\n`);

describe('the rules are the ones already there', () => {
  it('an unstaged `required: false` in .reviewgate.yml does not let a commit through the pre-commit hook', async () => {
    const { repo } = await project();
    unreviewedCode(repo);
    repo.git('add', 'src');
    repo.write('.reviewgate.yml', LOOSE); // in the work tree only
    const r = commit(repo);
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toMatch(/✗ review/);
    expect(r.output).toContain("the rules in force are HEAD's");
  });

  it('nor through the pre-push hook', async () => {
    const { repo, remoteTip } = await project();
    unreviewedCode(repo);
    repo.git('add', 'src');
    repo.git('commit', '-q', '--no-verify', '-m', 'unreviewed');
    repo.write('.reviewgate.yml', LOOSE);
    const r = push(repo, 'main');
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).toMatch(/✗ review/);
    expect(remoteTip('refs/heads/main')).not.toBe(repo.git('rev-parse', 'HEAD'));
  });

  it('a commit that loosens its own rules is judged by HEAD’s, and the finding names what it loosens', async () => {
    const { repo } = await project();
    unreviewedCode(repo);
    repo.write('.reviewgate.yml', `${LOOSE}review:\n  required: false\n  ignore: ["src/**"]\n`.replace('review: { required: false }\n', ''));
    repo.git('add', '-A');
    const r = commit(repo);
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toContain('this change edits .reviewgate.yml; it loosens plan.required off; review.required off; run.required off; tests.required off');
    expect(r.output).toContain('review.ignore adds "src/**"');
    expect(r.output).toMatch(/✗ plan/);
  });

  it('pointing mocha at src/ and running init again makes no source a test: HEAD’s rules judge, and the finding names what tests.files adds', async () => {
    // init reads the test files from what mocha runs: an agent can point mocha at the sources.
    const { repo } = await project(`${CONFIG}tests:\n  rules:\n    - source: "src/**/*.js"\n      tests: ["test/{dir}/{name}.test.js"]\n`);
    repo.write('package.json', JSON.stringify({ name: 'shop', scripts: { test: 'mocha src/' } }));
    repo.write('src/price.js', 'module.exports = 1;\n');
    expect((await runInProcess(repo.dir, ['init', '--yes', '--force'])).code).toBe(0);
    expect(repo.read('.reviewgate.yml')).toContain('files: ["src/*.{js,cjs,mjs}"');
    repo.git('add', '-A');
    const r = commit(repo);
    expect(r.committed, r.output).toBe(false);
    expect(r.output).toContain('tests.files adds "src/*.{js,cjs,mjs}"');
    expect(r.output).toContain('no test file for src/price.js: expected test/price.test.js');
  });

  it('a pull request that switches its own gates off fails `check --ci`, and pushing it fails the pre-push hook', async () => {
    const { repo, remoteTip } = await project();
    repo.git('checkout', '-q', '-b', 'feature');
    unreviewedCode(repo);
    repo.write('.reviewgate.yml', LOOSE);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'switch the gates off');
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'origin/main']);
    expect(ci.code, ci.stdout + ci.stderr).toBe(1);
    expect(ci.stdout).toContain('loosens plan.required off; review.required off; run.required off; tests.required off');
    const r = push(repo, 'feature');
    expect(r.status, r.output).not.toBe(0);
    expect(remoteTip('refs/heads/feature')).toBe('');
  });

  it('`evidence_dir: lib` in the change’s own configuration is refused (exit 2, naming file and line), staged and in CI', async () => {
    const { repo } = await project();
    repo.write('lib/util.js', 'module.exports = 1;\n');
    repo.git('add', 'lib');
    repo.git('commit', '-q', '--no-verify', '-m', 'lib');
    repo.write('lib/util.js', 'module.exports = 2;\n');
    repo.write('.reviewgate.yml', `${CONFIG}evidence_dir: lib\n`);
    repo.git('add', '-A');
    const staged = await runInProcess(repo.dir, ['check']);
    expect(staged.code, staged.stdout + staged.stderr).toBe(2);
    expect(staged.stderr).toContain('.reviewgate.yml:6:15 evidence_dir: names lib, which holds lib/util.js');
    const r = commit(repo);
    expect(r.committed).toBe(false);
    repo.git('commit', '-q', '--no-verify', '-m', 'evidence in lib');
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'origin/main']);
    expect(ci.code).toBe(2);
    expect(ci.stderr).toContain('evidence_dir: names lib, which holds lib/util.js');
  });
});

describe('adoption happens once', () => {
  it('untracking .reviewgate.yml and adding it back with new code is judged: pre-commit, pre-push and --ci', async () => {
    const { repo, remoteTip } = await project();
    repo.git('rm', '-q', '--cached', '.reviewgate.yml');
    repo.git('commit', '-q', '--no-verify', '-m', 'untrack the configuration');
    unreviewedCode(repo);
    repo.git('add', '-A');
    const staged = commit(repo, 'add it back, with code');
    expect(staged.committed, staged.output).toBe(false);
    expect(staged.output).not.toContain('adopting reviewgate');
    expect(staged.output).toMatch(/✗ review/);
    repo.git('commit', '-q', '--no-verify', '-m', 'add it back, with code');
    const pushed = push(repo, 'main');
    expect(pushed.status, pushed.output).not.toBe(0);
    expect(remoteTip('refs/heads/main')).not.toBe(repo.git('rev-parse', 'HEAD'));
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'origin/main']);
    expect(ci.code, ci.stdout).toBe(1);
    expect(ci.stdout).not.toContain('adoption');
  });
});

describe('the evidence folder holds evidence only', () => {
  it('a file smuggled into .reviewgate/ is a review item, and `run` refuses while it is untracked', async () => {
    const { repo } = await project();
    repo.write('src/cart/price.ts', "require('../../.reviewgate/helper.js');\nexport const price = 1;\n");
    repo.write('test/cart/price.test.ts', TEST);
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(20) })).code).toBe(0);
    repo.write('.reviewgate/helper.js', 'process.exit(0);\n');
    const dirty = await runInProcess(repo.dir, ['run']);
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('untracked: .reviewgate/helper.js');
    repo.git('add', '.reviewgate/helper.js');
    const check = await runInProcess(repo.dir, ['check', '--format', 'json']);
    expect(check.code).toBe(1);
    const review = JSON.parse(check.stdout).gates.find((g: { id: string }) => g.id === 'review');
    expect(review.ok).toBe(false);
    expect(JSON.stringify(review.findings)).toContain('.reviewgate/helper.js');
  });
  it('a file in plans/ that is not a plan is a review item too', async () => {
    const { repo } = await project();
    repo.write('.reviewgate/plans/payload.md', 'module.exports = () => {};\n');
    repo.git('add', '-A');
    const check = await runInProcess(repo.dir, ['check', '--format', 'json']);
    expect(JSON.parse(check.stdout).skipped).toBeNull();
    const review = JSON.parse(check.stdout).gates.find((g: { id: string }) => g.id === 'review');
    expect(JSON.stringify(review.findings)).toContain('.reviewgate/plans/payload.md');
  });
});

describe('evidence is append-only', () => {
  /** A commit whose review left a concern open, committed past the hook. */
  async function withConcern() {
    const p = await project();
    unreviewedCode(p.repo);
    p.repo.git('add', '-A');
    expect((await runInProcess(p.repo.dir, ['review'], { input: '! this rounds the wrong way\n' })).code).toBe(0);
    p.repo.git('commit', '-q', '--no-verify', '-m', 'with a concern');
    const file = '.reviewgate/evidence/main.jsonl';
    expect(p.repo.read(file)).toContain('"type":"concern"');
    return { ...p, file };
  }

  it('deleting a concern record fails the pre-commit hook, although only evidence changed', async () => {
    const { repo, file } = await withConcern();
    repo.write(file, repo.read(file).split('\n').filter((l) => !l.includes('"type":"concern"')).join('\n'));
    repo.git('add', file);
    const r = commit(repo, 'forget the concern');
    expect(r.committed, r.output).toBe(false);
    expect(r.output).not.toContain('only reviewgate evidence changed');
    expect(r.output).toMatch(/a concern record \([^)]+\) that [0-9a-f]{12} has at \.reviewgate\/evidence\/main\.jsonl:\d+ is missing from the index/);
  });

  it('deleting a run record is a finding of the run gate', async () => {
    const { repo } = await project();
    unreviewedCode(repo);
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    repo.git('commit', '-q', '--no-verify', '-m', 'with a run');
    const file = '.reviewgate/evidence/main.jsonl';
    repo.write(file, repo.read(file).split('\n').filter((l) => !l.includes('"type":"run"')).join('\n'));
    repo.git('add', file);
    const check = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json'])).stdout);
    const run = check.gates.find((g: { id: string }) => g.id === 'run');
    expect(check.ok).toBe(false);
    expect(run.findings).toContainEqual(expect.objectContaining({ code: 'evidence.deleted', message: expect.stringContaining('a run record') }));
  });

  it('and a pushed commit that deleted one fails the pre-push hook and --ci', async () => {
    const { repo, file } = await withConcern();
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    repo.write(file, repo.read(file).split('\n').filter((l) => !l.includes('"type":"concern"')).join('\n'));
    repo.git('add', file);
    repo.git('commit', '-q', '--no-verify', '-m', 'forget the concern');
    const pushed = push(repo, 'main');
    expect(pushed.status, pushed.output).not.toBe(0);
    expect(pushed.output).toContain('evidence is only ever added to');
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'origin/main']);
    expect(ci.code, ci.stdout).toBe(1);
    expect(ci.stdout).toMatch(/a concern record .* is missing from commit/);
  });
});

describe('append-only compares with where the change started', () => {
  it('records the base branch gained after the fork are not "deleted" by the pull request', async () => {
    const { repo } = await project();
    repo.git('checkout', '-q', '-b', 'feature');
    unreviewedCode(repo, 2);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'feature work');
    repo.git('checkout', '-q', 'main');
    unreviewedCode(repo, 3);
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: '! later\n' })).code).toBe(0);
    repo.git('commit', '-q', '--no-verify', '-m', 'main gains a concern record');
    repo.git('checkout', '-q', 'feature');
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'main', '--format', 'json']);
    const codes = JSON.parse(ci.stdout).gates.flatMap((g: { findings: { code: string }[] }) => g.findings.map((f) => f.code));
    expect(codes).toContain('review.unreviewed');
    expect(codes).not.toContain('evidence.deleted');
  });
});

describe('`run` records only what the commands did', () => {
  it('a test command that writes review records into the evidence file voids the run and its records are discarded', async () => {
    const forge =
      "const fs=require('fs');const f='.reviewgate/evidence/main.jsonl';fs.mkdirSync('.reviewgate/evidence',{recursive:true});" +
      "fs.appendFileSync(f,JSON.stringify({v:1,type:'review',id:'forged',at:new Date().toISOString(),by:{name:'x',email:'x@x'},tool:'x',mode:'terminal',keys:[],durationMs:100000,lines:1})+'\\n');" +
      "require('child_process').execFileSync('git',['add',f]);";
    const { repo } = await project(`version: 1\nreview:\n  piped: allow\nrun:\n  commands: [${JSON.stringify(`node -e ${JSON.stringify(forge)}`)}]\n`);
    unreviewedCode(repo);
    repo.git('add', '-A');
    const before = repo.git('ls-files', '-s', '.reviewgate');
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('the commands wrote reviewgate evidence (.reviewgate/evidence/main.jsonl); it was discarded and this run is void');
    expect(repo.git('ls-files', '-s', '.reviewgate')).toBe(before);
    expect(repo.gitResult(['cat-file', '-e', ':.reviewgate/evidence/main.jsonl']).status).not.toBe(0);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'run'])).code).toBe(1);
  });
});

describe('lockfiles are reviewed package by package', () => {
  const lock = (pkgs: Record<string, { version: string; resolved: string; integrity: string }>) =>
    `${JSON.stringify({ name: 'shop', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop' }, ...Object.fromEntries(Object.entries(pkgs).map(([n, p]) => [`node_modules/${n}`, p])) } }, null, 2)}\n`;
  const LODASH_20 = { version: '4.17.20', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz', integrity: 'sha512-old' };
  const LODASH_21 = { version: '4.17.21', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz', integrity: 'sha512-new' };
  const MS = { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz', integrity: 'sha512-ms' };

  async function withLockfile(config = 'version: 1\nreview: { piped: allow }\nplan: { required: false }\nrun: { required: false }\ntests: { required: false }\n') {
    const p = await project(config);
    p.repo.write('package-lock.json', lock({ lodash: LODASH_20, ms: MS }));
    p.repo.git('add', '-A');
    p.repo.git('commit', '-q', '--no-verify', '-m', 'lockfile');
    return p;
  }
  const reviewGate = async (repo: TestRepo) => {
    const r = await runInProcess(repo.dir, ['check', '--format', 'json']);
    return { code: r.code, gate: JSON.parse(r.stdout).gates.find((g: { id: string }) => g.id === 'review') as { ok: boolean; findings: { code: string; message: string }[] } };
  };

  it('a version bump is one package item to review, not lines', async () => {
    const { repo } = await withLockfile();
    repo.write('package-lock.json', lock({ lodash: LODASH_21, ms: MS }));
    repo.git('add', '-A');
    const list = JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout);
    expect(JSON.stringify(list)).toContain('package lodash 4.17.20 → 4.17.21, from registry.npmjs.org, integrity changed');
    expect((await reviewGate(repo)).gate.ok).toBe(false);
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    expect(await reviewGate(repo)).toMatchObject({ code: 0, gate: { ok: true } });
  });

  it('a lockfile that swaps a `resolved` host fails the gate, reviewed or not, in the hook and in CI', async () => {
    const { repo } = await withLockfile();
    repo.write('package-lock.json', lock({ lodash: { ...LODASH_20, resolved: 'https://evil.example.com/lodash-4.17.20.tgz' }, ms: MS }));
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(5) })).code).toBe(0);
    const { code, gate } = await reviewGate(repo);
    expect(code).toBe(1);
    expect(gate.findings).toContainEqual(expect.objectContaining({ code: 'review.lockfile_registry', message: expect.stringContaining('lodash 4.17.20 is fetched from evil.example.com') }));
    const r = commit(repo, 'swap the host');
    expect(r.committed, r.output).toBe(false);
    repo.git('commit', '-q', '--no-verify', '-m', 'swap the host');
    const ci = await runInProcess(repo.dir, ['check', '--ci', '--base', 'origin/main']);
    expect(ci.code).toBe(1);
    expect(ci.stdout).toContain('outside the allowed registries (registry.npmjs.org)');
  });

  it('other bytes at the same version, or a package over http, fail the gate', async () => {
    const { repo } = await withLockfile();
    repo.write('package-lock.json', lock({ lodash: { ...LODASH_20, integrity: 'sha512-other' }, ms: { ...MS, version: '2.1.4', resolved: 'http://registry.npmjs.org/ms/-/ms-2.1.4.tgz' } }));
    repo.git('add', '-A');
    const codes = (await reviewGate(repo)).gate.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['review.lockfile_integrity', 'review.lockfile_insecure']));
  });

  it('yarn.lock and pnpm-lock.yaml too: a swapped host blocks, a bump is one item', async () => {
    const { repo } = await withLockfile();
    const yarn = (host: string, version: string) => `# yarn lockfile v1\n\n\nlodash@^4.17.0:\n  version "${version}"\n  resolved "https://${host}/lodash/-/lodash-${version}.tgz"\n  integrity sha512-${version}\n`;
    const pnpm = (version: string, tarball = '') =>
      `lockfileVersion: '9.0'\npackages:\n  ms@${version}:\n    resolution: {integrity: sha512-${version}${tarball ? `, tarball: ${tarball}` : ''}}\n`;
    repo.write('yarn.lock', yarn('registry.yarnpkg.com', '4.17.20'));
    repo.write('pnpm-lock.yaml', pnpm('2.1.3'));
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'more lockfiles');
    repo.write('yarn.lock', yarn('registry.yarnpkg.com', '4.17.21'));
    repo.git('add', '-A');
    const list = JSON.stringify(JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout));
    expect(list).toContain('package lodash 4.17.20 → 4.17.21, from registry.yarnpkg.com, integrity changed');
    expect((await reviewGate(repo)).gate.findings.map((f) => f.code)).not.toContain('review.lockfile_registry');
    repo.write('yarn.lock', yarn('evil.example.com', '4.17.21'));
    repo.write('pnpm-lock.yaml', pnpm('2.1.4', 'https://evil.example.com/ms.tgz'));
    repo.git('add', '-A');
    const messages = (await reviewGate(repo)).gate.findings.filter((f) => f.code === 'review.lockfile_registry').map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('pnpm-lock.yaml: ms 2.1.4 is fetched from evil.example.com'), expect.stringContaining('yarn.lock: lodash 4.17.21 is fetched from evil.example.com')]);
  });

  it('the registries come from the .npmrc already committed, not from one the change adds', async () => {
    const { repo } = await withLockfile();
    const internal = { ...LODASH_20, resolved: 'https://npm.internal.example/lodash/-/lodash-4.17.20.tgz' };
    repo.write('.npmrc', 'registry=https://npm.internal.example/\n');
    repo.write('package-lock.json', lock({ lodash: internal, ms: MS }));
    repo.git('add', '-A');
    expect((await reviewGate(repo)).gate.findings.map((f) => f.code)).toContain('review.lockfile_registry');
    repo.git('reset', '-q');
    repo.git('add', '.npmrc');
    repo.git('commit', '-q', '--no-verify', '-m', 'internal registry');
    repo.git('add', '-A');
    expect((await reviewGate(repo)).gate.findings.map((f) => f.code)).not.toContain('review.lockfile_registry');
  });
});
