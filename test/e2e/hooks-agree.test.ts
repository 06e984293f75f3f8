// What passes pre-commit passes pre-push: through the real hooks and a local bare remote, in every
// commit form the hooks handle (--amend, -a, <path>, a merge, a first commit). Each form is made
// twice: through the hook, and — where the hook blocks — with --no-verify, to show that pre-push
// blocks the same commit.
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  commands: ["node -e 0"]\n';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

/** reviewgate for the setup (install, review, run), in the test process; the hooks spawn the bin. */
async function rg(repo: TestRepo, args: string[], input = '') {
  const r = await runInProcess(repo.dir, args, { input });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** A repository with both hooks, finding the built reviewgate at node_modules/.bin, and a bare remote. */
async function hooked(adopt = true): Promise<TestRepo> {
  assertBuilt();
  const repo = makeRepo();
  const remote = makeRepo({ bare: true });
  cleanup.push(() => repo.remove(), () => remote.remove());
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.write('.gitignore', 'node_modules/\n');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  if (adopt) {
    repo.write('.reviewgate.yml', CONFIG);
    repo.commitAll('adopt reviewgate');
    expect(repo.gitResult(['push', '-q', 'origin', 'main']).status).toBe(0);
  }
  expect((await rg(repo, ['hooks', 'install'])).status).toBe(0);
  return repo;
}

/** Reviews everything still unreviewed (answering y) and runs, as a person would. */
async function recordEvidence(repo: TestRepo, reviewArgs: string[] = []): Promise<void> {
  const listed = JSON.parse((await rg(repo, ['review', ...reviewArgs, '--list', '--format', 'json'])).stdout) as { items: unknown[] };
  expect((await rg(repo, ['review', ...reviewArgs], 'y\n'.repeat(listed.items.length))).status).toBe(0);
  expect((await rg(repo, ['run'])).status).toBe(0);
}

function commit(repo: TestRepo, args: string[]) {
  const before = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  const r = repo.gitResult(['commit', '-q', ...args]);
  const after = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  return { output: r.stdout + r.stderr, committed: after !== before };
}

const push = (repo: TestRepo, ...extra: string[]) => {
  const r = repo.gitResult(['push', '-q', ...extra, 'origin', 'HEAD:refs/heads/main']);
  return { ok: r.status === 0, output: r.stdout + r.stderr };
};

/**
 * The hook's verdict and pre-push's agree: a commit the hook blocks, made anyway with
 * --no-verify, is blocked at push too (then undone, keeping the index).
 */
function blockedBoth(repo: TestRepo, args: string[], forcePush = false): string {
  const blocked = commit(repo, args);
  expect(blocked.committed).toBe(false);
  const index = repo.git('write-tree');
  expect(commit(repo, ['--no-verify', ...args]).committed).toBe(true);
  const pushed = push(repo, ...(forcePush ? ['--force'] : []));
  expect(pushed.ok).toBe(false);
  repo.git('reset', '-q', '--soft', 'HEAD@{1}');
  repo.git('read-tree', index);
  return blocked.output;
}

describe('pre-commit and pre-push agree', () => {
  it('--amend of a reviewed commit: the hook judges the whole amended commit, so the push passes', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\ntwo\nthree\nfour\nfive\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'a']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);

    // Edit a reviewed line and review it against HEAD, as before an ordinary commit.
    repo.write('a.txt', 'one\ntwo\nTHREE\nfour\nfive\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    // Its neighbours, reviewed next to the old line, are not reviewed next to the new one.
    const output = blockedBoth(repo, ['--amend', '--no-edit'], true);
    expect(output).toContain('amending');
    expect(output).toContain('reviewgate review --amend');
    await recordEvidence(repo, ['--amend']);
    expect(commit(repo, ['--amend', '--no-edit']).committed).toBe(true);
    expect(push(repo, '--force').ok).toBe(true);
  });

  it('a message-only amend passes both', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'a']).committed).toBe(true);
    expect(commit(repo, ['--amend', '-m', 'a, reworded']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);
  });

  it('git commit -a: the unstaged edit it commits is judged by both', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'a']).committed).toBe(true);
    repo.write('a.txt', 'one\ntwo\n');
    expect(blockedBoth(repo, ['-a', '-m', 'b'])).toContain('a.txt');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-a', '-m', 'b']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);
  });

  it('git commit <path>: only that path (and the evidence named with it) is judged', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    repo.write('b.txt', 'bee\n');
    repo.git('add', 'b.txt');
    // b.txt alone, never reviewed: blocked by both.
    expect(blockedBoth(repo, ['-m', 'b', '--', 'b.txt'])).toContain('b.txt');
    // a.txt with the evidence recorded for it: passes both, b.txt stays staged for later.
    expect(commit(repo, ['-m', 'a', '--', 'a.txt', '.reviewgate']).committed).toBe(true);
    expect(repo.git('diff', '--cached', '--name-only')).toBe('b.txt');
    expect(push(repo).ok).toBe(true);
  });

  it('a merge commit: the resolution is judged by both', async () => {
    const repo = await hooked();
    repo.write('f.txt', 'base\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'base']).committed).toBe(true);
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('f.txt', 'side\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'side']).committed).toBe(true);
    repo.git('checkout', '-q', 'main');
    repo.write('f.txt', 'main\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'main']).committed).toBe(true);
    expect(repo.gitResult(['merge', '-q', 'side']).status).not.toBe(0);
    repo.write('f.txt', 'merged\n');
    repo.git('add', 'f.txt');
    // A merge commit cannot be undone with reset --soft and keep MERGE_HEAD: judge it once, blocked.
    expect(commit(repo, ['--no-edit']).committed).toBe(false);
    await recordEvidence(repo);
    expect(commit(repo, ['--no-edit']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);
  });

  it('a first commit: judged against the empty tree by both (adoption)', async () => {
    const repo = await hooked(false);
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('a.txt', 'one\n');
    repo.git('add', '-A');
    expect(commit(repo, ['-m', 'first']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);
    repo.write('a.txt', 'one\ntwo\n');
    repo.git('add', 'a.txt');
    blockedBoth(repo, ['-m', 'second']);
    await recordEvidence(repo);
    expect(commit(repo, ['-m', 'second']).committed).toBe(true);
    expect(push(repo).ok).toBe(true);
  });

  it('an amend of the adoption commit stays adoption', async () => {
    const repo = await hooked(false);
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('a.txt', 'one\n');
    repo.git('add', '-A');
    expect(commit(repo, ['-m', 'adopt']).committed).toBe(true);
    repo.write('package.json', '{"name":"x","private":true}\n');
    repo.git('add', 'package.json');
    const amended = commit(repo, ['--amend', '--no-edit']);
    expect(amended.output).toContain('adopting reviewgate is not gated');
    expect(amended.committed).toBe(true);
    expect(push(repo).ok).toBe(true);
  });
});

describe('the range fix for the run gate', () => {
  it('runs in place when the range ends at the checked-out commit, else in a temporary worktree — never a detached HEAD', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\n');
    const first = repo.commitAll('a');
    repo.write('a.txt', 'two\n');
    repo.commitAll('b');
    const fixes = async (range: string) => {
      const r = await rg(repo, ['check', '--range', range, '--gate', 'run', '--format', 'json']);
      return (JSON.parse(r.stdout) as { gates: { id: string; findings: { fix?: string }[] }[] }).gates.find((g) => g.id === 'run')!.findings.map((f) => f.fix);
    };
    expect(await fixes('HEAD~2..HEAD')).toEqual(['reviewgate run, then commit the evidence']);
    expect(await fixes(`HEAD~2..${first}`)).toEqual([`reviewgate run --isolated --range HEAD~2..${first}, then commit the evidence`]);
  });
});
