// `check --pre-push` through the real hook: installed by the built bin, run by a real `git push` to a
// local bare remote. Also adoption and merge commits in range mode.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e \\"process.exit(0)\\""]\n';
const PLAN = '## Goal\nPrices.\n## Approach\nEdit price.ts.\n## Risks\nNone.\n## Test checklist\n- [ ] rounds half up\n';
const TEST = "import { it } from 'vitest';\nit('rounds half up', () => {});\n";
const YES = 'y\n'.repeat(40);

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

function tracked(repo: TestRepo): TestRepo {
  cleanup.push(() => repo.remove());
  return repo;
}

/** A project with the config committed, the pre-push hook installed and `origin` a bare remote. */
async function project(objectFormat: 'sha1' | 'sha256' = 'sha1') {
  const repo = tracked(makeRepo({ objectFormat }));
  const remote = tracked(makeRepo({ objectFormat, bare: true }));
  repo.write('.gitignore', 'node_modules/\n');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  repo.write('.reviewgate.yml', CONFIG);
  repo.write('README.md', 'shop\n');
  repo.commitAll('adopt reviewgate');
  expect((await runInProcess(repo.dir, ['hooks', 'install', '--pre-push'])).code).toBe(0);
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', '--no-verify', 'origin', 'main');
  const remoteTip = (ref: string) => remote.gitResult(['rev-parse', '-q', '--verify', ref]).stdout.trim();
  return { repo, remote, remoteTip };
}

function unverifiedCommit(repo: TestRepo, n: number): string {
  repo.write(`src/cart/price${n}.ts`, `export const price${n} = ${n};\n`);
  return repo.commitAll(`unverified ${n}`);
}

/** A commit with a plan, reviews and a passing run recorded and committed with it. */
async function verifiedCommit(repo: TestRepo, n: number): Promise<string> {
  repo.write(`src/cart/p${n}.ts`, `export function p${n}(x: number) {\n  return Math.round(x) + ${n};\n}\n`);
  repo.write(`test/cart/p${n}.test.ts`, TEST);
  repo.git('add', '-A');
  expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
  expect((await runInProcess(repo.dir, ['review'], { input: YES })).code).toBe(0);
  expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
  repo.git('commit', '-q', '-m', `verified ${n}`);
  return repo.git('rev-parse', 'HEAD');
}

const push = (repo: TestRepo, ...args: string[]) => {
  const r = repo.gitResult(['push', 'origin', ...args]);
  return { ...r, output: `${r.stdout}${r.stderr}` };
};

describe('reviewgate check --pre-push, through a real git push', () => {
  it('blocks a new branch whose commit has no evidence and leaves the remote unchanged', async () => {
    const { repo, remoteTip } = await project();
    repo.git('checkout', '-q', '-b', 'feature');
    unverifiedCommit(repo, 1);
    const blocked = push(repo, 'feature');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('reviewgate plan');
    expect(blocked.output).toMatch(/✗ review/);
    expect(remoteTip('refs/heads/feature')).toBe('');
  });

  it('lets a push through when the pushed commits carry their evidence', async () => {
    const { repo, remoteTip } = await project();
    repo.git('checkout', '-q', '-b', 'feature');
    await verifiedCommit(repo, 1);
    const first = push(repo, 'feature');
    expect(first.status, first.output).toBe(0);
    const tip = await verifiedCommit(repo, 2);
    const second = push(repo, 'feature');
    expect(second.status, second.output).toBe(0);
    expect(remoteTip('refs/heads/feature')).toBe(tip);
  });

  it('judges only what the remote lacks: an update with one unverified commit is blocked', async () => {
    const { repo, remoteTip } = await project();
    const pushed = await verifiedCommit(repo, 1);
    expect(push(repo, 'main').status).toBe(0);
    unverifiedCommit(repo, 2);
    expect(push(repo, 'main').status).not.toBe(0);
    expect(remoteTip('refs/heads/main')).toBe(pushed);
  });

  it('lets a branch delete through', async () => {
    const { repo, remoteTip } = await project();
    repo.git('checkout', '-q', '-b', 'feature');
    unverifiedCommit(repo, 1);
    repo.git('push', '-q', '--no-verify', 'origin', 'feature');
    const deleted = push(repo, '--delete', 'feature');
    expect(deleted.status, deleted.output).toBe(0);
    expect(remoteTip('refs/heads/feature')).toBe('');
  });

  it('judges every ref of one push and names the ref in the findings', async () => {
    const { repo, remoteTip } = await project();
    repo.git('checkout', '-q', '-b', 'good');
    await verifiedCommit(repo, 1);
    repo.git('checkout', '-q', '-b', 'bad', 'main');
    unverifiedCommit(repo, 2);
    const blocked = push(repo, 'good', 'bad');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('[bad]');
    expect(blocked.output).toContain('judged 2 refs: good, bad');
    expect(blocked.output).not.toMatch(/error .*\[good\]/);
    expect(remoteTip('refs/heads/good')).toBe('');
    repo.git('checkout', '-q', '-b', 'good2', 'main');
    await verifiedCommit(repo, 3);
    const passed = push(repo, 'good', 'good2');
    expect(passed.status, passed.output).toBe(0);
  });

  it('judges a pushed tag on the commits it brings; a tag of pushed commits passes', async () => {
    const { repo, remoteTip } = await project();
    repo.git('tag', '-a', '-m', 'v1', 'v1');
    expect(push(repo, 'v1').status).toBe(0);
    unverifiedCommit(repo, 1);
    repo.git('tag', '-a', '-m', 'v2', 'v2');
    expect(push(repo, 'v2').status).not.toBe(0);
    expect(remoteTip('refs/tags/v2')).toBe('');
  });

  it('works in a SHA-256 repository', async () => {
    const { repo, remoteTip } = await project('sha256');
    repo.git('checkout', '-q', '-b', 'feature');
    unverifiedCommit(repo, 1);
    expect(push(repo, 'feature').status).not.toBe(0);
    repo.git('reset', '-q', '--hard', 'main');
    const tip = await verifiedCommit(repo, 2);
    const passed = push(repo, 'feature');
    expect(passed.status, passed.output).toBe(0);
    expect(remoteTip('refs/heads/feature')).toBe(tip);
    expect(tip).toHaveLength(64);
  });

  it('judges nothing on empty input, and never waits on it', async () => {
    const { repo } = await project();
    const r = await runInProcess(repo.dir, ['check', '--pre-push', 'origin']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no refs on stdin');
  });

  it('falls back to what no remote ref reaches when the remote id is unknown locally', async () => {
    const { repo } = await project();
    const main = repo.git('rev-parse', 'HEAD');
    unverifiedCommit(repo, 1);
    const head = repo.git('rev-parse', 'HEAD');
    const unknown = 'f'.repeat(40);
    const r = await runInProcess(repo.dir, ['check', '--pre-push', 'origin', '--format', 'json'], { input: `HEAD~0:x ${head} refs/heads/main ${unknown}\n` });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).target).toEqual({ kind: 'range', base: main, head });
  });
});

describe('adoption and merge commits in range mode', () => {
  it('does not judge the commits made before .reviewgate.yml, nor the one that adds it', async () => {
    const repo = tracked(makeRepo());
    repo.write('src/old.ts', 'export const old = 1;\n');
    const root = repo.commitAll('before reviewgate');
    repo.write('src/older.ts', 'export const older = 1;\n');
    repo.commitAll('still before');
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('src/adopt.ts', 'export const adopt = 1;\n');
    repo.commitAll('adopt');
    const r = await runInProcess(repo.dir, ['check', '--range', `${root}..HEAD`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not judged (adoption');
    repo.write('src/new.ts', 'export const fresh = 1;\n');
    repo.commitAll('after adoption');
    const after = await runInProcess(repo.dir, ['check', '--range', `${root}..HEAD`, '--format', 'json']);
    expect(after.code).toBe(1);
    const files = JSON.parse(after.stdout).gates[1].findings.map((f: { file?: string }) => f.file);
    expect(files).toEqual(['src/new.ts']);
  });

  async function mergeRepo(conflict: boolean) {
    const repo = tracked(makeRepo());
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('src/a.ts', 'one\ntwo\nthree\n');
    repo.write('src/b.ts', 'x\n');
    repo.commitAll('adopt');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('src/a.ts', 'one\nside\nthree\n');
    repo.commitAll('side');
    repo.git('checkout', '-q', 'main');
    if (conflict) repo.write('src/a.ts', 'one\nmain\nthree\n');
    else repo.write('src/b.ts', 'y\n');
    const before = repo.commitAll('main');
    const merged = repo.gitResult(['merge', '-q', '--no-edit', 'side']);
    if (conflict) {
      expect(merged.status).not.toBe(0);
      repo.write('src/a.ts', 'one\nresolved\nthree\n');
      repo.git('add', 'src/a.ts');
      repo.git('commit', '-q', '--no-edit');
    }
    const merge = repo.git('rev-parse', 'HEAD');
    const r = await runInProcess(repo.dir, ['check', '--range', `${before}~1..HEAD`, '--gate', 'review', '--format', 'json']);
    const findings = JSON.parse(r.stdout).gates[1].findings as { file: string; message: string }[];
    return { merge: merge.slice(0, 7), findings };
  }

  it('asks for review of the lines a conflict resolution chose', async () => {
    const { merge, findings } = await mergeRepo(true);
    const mine = findings.filter((f) => f.message.includes(merge));
    expect(mine.map((f) => f.file)).toEqual(['src/a.ts']);
  });

  it('asks for no review of a clean merge', async () => {
    const { merge, findings } = await mergeRepo(false);
    expect(findings.length).toBeGreaterThan(0); // the branches' own commits
    expect(findings.filter((f) => f.message.includes(merge))).toEqual([]);
  });
});

// The bin is spawned by git through the hook; make sure the one these tests install is runnable.
it('has a runnable bin', () => {
  expect(spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).status).toBe(0);
});
