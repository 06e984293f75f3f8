// `check --ci` on a shallow clone, the way a GitHub Actions job sees a pull request: the event
// payload names base and head, the clone lacks the base until it is fetched, and the verdict
// equals the one the pre-push hook reached on the same commits.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';
import { execFileSync } from 'node:child_process';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e \\"process.exit(0)\\""]\n';
const PLAN = '## Goal\nPrices.\n## Approach\nEdit price.ts.\n## Risks\nNone.\n## Test checklist\n- [ ] rounds half up\n';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-ci-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** main with history, a feature branch of two commits (evidence recorded or not), both on a bare remote. */
async function pullRequest(verified: boolean) {
  const dev = makeRepo();
  const remote = makeRepo({ bare: true });
  cleanup.push(() => dev.remove(), () => remote.remove());
  dev.write('.reviewgate.yml', CONFIG);
  dev.write('README.md', 'shop\n');
  dev.commitAll('adopt');
  for (let i = 0; i < 3; i += 1) {
    dev.write('README.md', `shop ${i}\n`);
    dev.commitAll(`main ${i}`);
  }
  const base = dev.git('rev-parse', 'HEAD');
  dev.git('checkout', '-q', '-b', 'feature');
  for (const n of [1, 2]) {
    dev.write(`src/cart/p${n}.ts`, `export const p${n} = (x: number) => Math.round(x) + ${n};\n`);
    dev.write(`test/cart/p${n}.test.ts`, "import { it } from 'vitest';\nit('rounds half up', () => {});\n");
    dev.git('add', '-A');
    if (verified) {
      expect((await runInProcess(dev.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
      expect((await runInProcess(dev.dir, ['review'], { input: 'y\n'.repeat(20) })).code).toBe(0);
      expect((await runInProcess(dev.dir, ['run'])).code).toBe(0);
    }
    dev.git('commit', '-q', '-m', `feature ${n}`);
  }
  const head = dev.git('rev-parse', 'HEAD');
  dev.git('remote', 'add', 'origin', remote.dir);
  dev.git('push', '-q', 'origin', 'main');
  // The hook's verdict on these commits (a new branch: what the remote lacks), for comparison.
  const prePush = await runInProcess(dev.dir, ['check', '--pre-push', 'origin', '--format', 'json'], {
    input: `refs/heads/feature ${head} refs/heads/feature ${'0'.repeat(40)}\n`,
  });
  expect(JSON.parse(prePush.stdout).skipped).toBeNull();
  dev.git('push', '-q', '--no-verify', 'origin', 'feature');
  return { dev, remote, base, head, prePush };
}

function shallowClone(remote: TestRepo): string {
  const dir = join(temp(), 'ci');
  execFileSync('git', ['clone', '-q', '--depth=1', '--branch', 'feature', `file://${remote.dir}`, dir], { env: cleanEnv() });
  return dir;
}

function githubEnv(base: string, head: string) {
  const dir = temp();
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head }, number: 7 } }));
  const summary = join(dir, 'summary.md');
  return { env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: event, GITHUB_STEP_SUMMARY: summary, GITHUB_SHA: 'f'.repeat(40) }, summary };
}

const verdict = (stdout: string) => {
  const r = JSON.parse(stdout) as { ok: boolean; gates: { id: string; ok: boolean }[] };
  return { ok: r.ok, gates: r.gates.map((g) => [g.id, g.ok]) };
};

describe('reviewgate check --ci on a GitHub pull request', () => {
  for (const verified of [true, false]) {
    it(`needs the base fetched in a shallow clone, then agrees with pre-push (${verified ? 'passing' : 'failing'})`, async () => {
      const { remote, base, head, prePush } = await pullRequest(verified);
      expect(prePush.code).toBe(verified ? 0 : 1);
      const clone = shallowClone(remote);
      const { env, summary } = githubEnv(base, head);

      const missing = await runInProcess(clone, ['check', '--ci', '--format', 'github'], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`the base commit ${base}`);
      const fix = /fix: (git fetch [^\n]+)/.exec(missing.stderr)?.[1];
      expect(fix).toBe(`git fetch --no-tags --unshallow origin ${base}`);
      execFileSync('sh', ['-c', fix as string], { cwd: clone, env: cleanEnv(), stdio: 'ignore' });

      const ci = await runInProcess(clone, ['check', '--ci', '--format', 'json'], { env });
      expect(ci.code, ci.stderr).toBe(prePush.code);
      expect(verdict(ci.stdout)).toEqual(verdict(prePush.stdout));
      expect(JSON.parse(ci.stdout).target).toEqual({ kind: 'range', base, head });

      const github = await runInProcess(clone, ['check', '--ci', '--format', 'github'], { env });
      expect(github.code).toBe(prePush.code);
      expect(github.stdout).toContain('reviewgate check — commits');
      if (!verified) expect(github.stdout).toMatch(/^::error file=src\/cart\/p1\.ts,line=1,title=reviewgate review \(review\.unreviewed\)::/m);
      const text = readFileSync(summary, 'utf8');
      expect(text).toContain('| gate | status | summary |');
      expect(statSync(summary).size).toBeLessThan(1024 * 1024);
    });
  }

  it('judges against --base without any CI environment', async () => {
    const { dev, base } = await pullRequest(false);
    const r = await runInProcess(dev.dir, ['check', '--ci', '--base', base, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).notes[0]).toBe(`range from --base ${base}`);
  });

  it('writes a GitLab code quality report with --output', async () => {
    const { dev, base } = await pullRequest(false);
    const out = join(temp(), 'gl-code-quality.json');
    const r = await runInProcess(dev.dir, ['check', '--ci', '--format', 'gitlab', '--output', out], {
      env: { GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_SHA: dev.git('rev-parse', 'HEAD') },
    });
    expect(r.code).toBe(1);
    const issues = JSON.parse(readFileSync(out, 'utf8')) as { check_name: string; severity: string; location: { path: string } }[];
    expect(issues.some((i) => i.check_name === 'review.unreviewed' && i.severity === 'major' && i.location.path === 'src/cart/p1.ts')).toBe(true);
  });
});
