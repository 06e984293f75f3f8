// The pre-commit hook judges exactly what will be committed, through real `git commit` in the
// cases hooks usually get wrong: --amend, a first commit, a commit finishing a conflicted merge,
// a submodule pointer, and a SHA-256 repository.
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt, reviewOnTerminal } from '../helpers/cli.js';
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

/** A repository whose hook finds the built reviewgate at node_modules/.bin (ignored). */
async function hooked(options: Parameters<typeof makeRepo>[0] = {}, firstCommit = true): Promise<TestRepo> {
  assertBuilt();
  const repo = makeRepo(options);
  cleanup.push(() => repo.remove());
  repo.write('.gitignore', 'node_modules/\n');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  if (firstCommit) {
    repo.write('.reviewgate.yml', CONFIG);
    repo.commitAll('adopt reviewgate');
  }
  expect((await rg(repo, ['hooks', 'install', '--pre-commit'])).status).toBe(0);
  return repo;
}

/** Records a review of everything staged and a run, as a person would before committing. */
async function recordEvidence(repo: TestRepo): Promise<void> {
  const listed = JSON.parse((await rg(repo, ['review', '--list', '--format', 'json'])).stdout) as { items: unknown[] };
  expect((await rg(repo, ['review'], 'y\n'.repeat(listed.items.length))).status).toBe(0);
  expect((await rg(repo, ['run'])).status).toBe(0);
}

function commit(repo: TestRepo, args: string[]) {
  const before = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  const r = repo.gitResult(['commit', ...args]);
  const after = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  return { ...r, output: r.stdout + r.stderr, committed: after !== before };
}

describe('the pre-commit hook judges exactly what will be committed', () => {
  it('--amend: a message-only amend passes; an amend that adds an unreviewed change is blocked until reviewed', async () => {
    const repo = await hooked();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(true);
    expect(commit(repo, ['-q', '--amend', '-m', 'a, reworded']).committed).toBe(true);
    repo.write('b.txt', 'two\n');
    repo.git('add', 'b.txt');
    const blocked = commit(repo, ['-q', '--amend', '--no-edit']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('b.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '--amend', '--no-edit']).committed).toBe(true);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD')).toContain('b.txt');
  });

  it('a first commit, with no HEAD yet, is judged against the empty tree', async () => {
    const repo = await hooked({}, false);
    // No .reviewgate.yml: the defaults apply (run.commands: npm test, piped answers refused).
    repo.write('package.json', '{"name":"x","private":true,"scripts":{"test":"node -e 0"}}\n');
    repo.write('src/app.js', 'export const a = 1;\n');
    repo.write('test/app.test.js', "it('works', () => {});\n");
    repo.git('add', '-A');
    const blocked = commit(repo, ['-q', '-m', 'first']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('first commit');
    expect((await rg(repo, ['plan', '--from', '-'], '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works\n')).status).toBe(0);
    // By default review wants a terminal: answer on one, a key at a time.
    const listed = JSON.parse((await rg(repo, ['review', '--list', '--format', 'json'])).stdout) as { items: unknown[] };
    expect(reviewOnTerminal(repo.dir, listed.items.map(() => 'y')).stdout).toContain(`reviewed ${listed.items.length} items`);
    expect((await rg(repo, ['run'])).status).toBe(0);
    const passed = commit(repo, ['-q', '-m', 'first']);
    expect(passed.output).toContain('All four gates hold');
    expect(passed.committed).toBe(true);
  });

  it('a commit finishing a conflicted merge: blocked until the resolution is reviewed', async () => {
    const repo = await hooked();
    repo.write('f.txt', 'base\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'base']).committed).toBe(true);
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('f.txt', 'side\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'side']).committed).toBe(true);
    repo.git('checkout', '-q', 'main');
    repo.write('f.txt', 'main\n');
    repo.git('add', 'f.txt');
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'main']).committed).toBe(true);
    expect(repo.gitResult(['merge', '-q', 'side']).status).not.toBe(0);
    // While the conflict is unresolved, check says so and names the merge.
    const conflicted = await rg(repo, ['check']);
    expect(conflicted.status).toBe(2);
    expect(conflicted.stderr).toContain('a merge is in progress');
    repo.write('f.txt', 'main and side\n');
    repo.git('add', 'f.txt');
    const blocked = commit(repo, ['-q', '--no-edit']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('f.txt');
    await recordEvidence(repo);
    const merged = commit(repo, ['-q', '--no-edit']);
    expect(merged.committed).toBe(true);
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
  });

  it('a submodule pointer is one item to acknowledge', async () => {
    const sub = makeRepo();
    cleanup.push(() => sub.remove());
    sub.write('lib.txt', 'v1\n');
    sub.commitAll('v1');
    const repo = await hooked();
    const add = repo.gitResult(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/lib']);
    expect(add.status, add.stderr).toBe(0);
    const blocked = commit(repo, ['-q', '-m', 'add submodule']);
    expect(blocked.committed).toBe(false);
    const listed = JSON.parse((await rg(repo, ['review', '--list', '--format', 'json'])).stdout) as { items: { file: string; kind: string }[] };
    expect(listed.items).toContainEqual(expect.objectContaining({ file: 'vendor/lib', kind: 'submodule' }));
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'add submodule']).committed).toBe(true);
  });

  it('works in a SHA-256 repository', async () => {
    const repo = await hooked({ objectFormat: 'sha256' });
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(false);
    await recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(true);
    expect(repo.git('rev-parse', 'HEAD')).toHaveLength(64);
  });
});
