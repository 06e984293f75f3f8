// The pre-commit hook judges exactly what will be committed, through real `git commit` in the
// cases hooks usually get wrong: --amend, a first commit, a commit finishing a conflicted merge,
// a submodule pointer, and a SHA-256 repository.
import { allowPipedReviews } from '../helpers/config.js';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt } from '../helpers/cli.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = allowPipedReviews('version: 1\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  commands: ["node -e 0"]\n');

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

function rg(repo: TestRepo, args: string[], input = '') {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: repo.dir, env: cleanEnv(), input, encoding: 'utf8' });
}

/** A repository whose hook finds the built reviewgate at node_modules/.bin (ignored). */
function hooked(options: Parameters<typeof makeRepo>[0] = {}, firstCommit = true): TestRepo {
  assertBuilt();
  const repo = makeRepo(options);
  cleanup.push(() => repo.remove());
  repo.write('.gitignore', 'node_modules/\n');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  if (firstCommit) {
    repo.write('.reviewgate.yml', CONFIG);
    repo.commitAll('adopt reviewgate');
  }
  expect(rg(repo, ['hooks', 'install', '--pre-commit']).status).toBe(0);
  return repo;
}

/** Records a review of everything staged and a run, as a person would before committing. */
function recordEvidence(repo: TestRepo): void {
  const listed = JSON.parse(rg(repo, ['review', '--list', '--format', 'json']).stdout) as { items: unknown[] };
  expect(rg(repo, ['review'], 'y\n'.repeat(listed.items.length)).status).toBe(0);
  expect(rg(repo, ['run']).status).toBe(0);
}

function commit(repo: TestRepo, args: string[]) {
  const before = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  const r = repo.gitResult(['commit', ...args]);
  const after = repo.gitResult(['rev-parse', '-q', '--verify', 'HEAD']).stdout.trim();
  return { ...r, output: r.stdout + r.stderr, committed: after !== before };
}

describe('the pre-commit hook judges exactly what will be committed', () => {
  it('--amend: a message-only amend passes; an amend that adds an unreviewed change is blocked until reviewed', () => {
    const repo = hooked();
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(true);
    expect(commit(repo, ['-q', '--amend', '-m', 'a, reworded']).committed).toBe(true);
    repo.write('b.txt', 'two\n');
    repo.git('add', 'b.txt');
    const blocked = commit(repo, ['-q', '--amend', '--no-edit']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('b.txt');
    recordEvidence(repo);
    expect(commit(repo, ['-q', '--amend', '--no-edit']).committed).toBe(true);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD')).toContain('b.txt');
  });

  it('a first commit, with no HEAD yet, is judged against the empty tree', () => {
    const repo = hooked({}, false);
    // No .reviewgate.yml: the defaults apply (run.commands: npm test).
    repo.write('package.json', '{"name":"x","private":true,"scripts":{"test":"node -e 0"}}\n');
    repo.write('src/app.js', 'export const a = 1;\n');
    repo.write('test/app.test.js', "it('works', () => {});\n");
    repo.git('add', '-A');
    const blocked = commit(repo, ['-q', '-m', 'first']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('first commit');
    expect(rg(repo, ['plan', '--from', '-'], '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works\n').status).toBe(0);
    // The defaults refuse piped answers (review.piped: refuse): a person reviews on a terminal.
    const piped = rg(repo, ['review'], 'y\n'.repeat(5));
    expect(piped.status).toBe(2);
    expect(piped.stderr).toContain('piped answers are not a person reading');
    expect(rg(repo, ['run']).status).toBe(0);
    const still = commit(repo, ['-q', '-m', 'first']);
    expect(still.committed).toBe(false);
    expect(still.output).toContain('not reviewed');
  });

  it('a commit finishing a conflicted merge: blocked until the resolution is reviewed', () => {
    const repo = hooked();
    repo.write('f.txt', 'base\n');
    repo.git('add', 'f.txt');
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'base']).committed).toBe(true);
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('f.txt', 'side\n');
    repo.git('add', 'f.txt');
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'side']).committed).toBe(true);
    repo.git('checkout', '-q', 'main');
    repo.write('f.txt', 'main\n');
    repo.git('add', 'f.txt');
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'main']).committed).toBe(true);
    expect(repo.gitResult(['merge', '-q', 'side']).status).not.toBe(0);
    // While the conflict is unresolved, check says so and names the merge.
    const conflicted = rg(repo, ['check']);
    expect(conflicted.status).toBe(2);
    expect(conflicted.stderr).toContain('a merge is in progress');
    repo.write('f.txt', 'main and side\n');
    repo.git('add', 'f.txt');
    const blocked = commit(repo, ['-q', '--no-edit']);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('f.txt');
    recordEvidence(repo);
    const merged = commit(repo, ['-q', '--no-edit']);
    expect(merged.committed).toBe(true);
    expect(repo.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
  });

  it('a submodule pointer is one item to acknowledge', () => {
    const sub = makeRepo();
    cleanup.push(() => sub.remove());
    sub.write('lib.txt', 'v1\n');
    sub.commitAll('v1');
    const repo = hooked();
    const add = repo.gitResult(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/lib']);
    expect(add.status, add.stderr).toBe(0);
    const blocked = commit(repo, ['-q', '-m', 'add submodule']);
    expect(blocked.committed).toBe(false);
    const listed = JSON.parse(rg(repo, ['review', '--list', '--format', 'json']).stdout) as { items: { file: string; kind: string }[] };
    expect(listed.items).toContainEqual(expect.objectContaining({ file: 'vendor/lib', kind: 'submodule' }));
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'add submodule']).committed).toBe(true);
  });

  it('works in a SHA-256 repository', () => {
    const repo = hooked({ objectFormat: 'sha256' });
    repo.write('a.txt', 'one\n');
    repo.git('add', 'a.txt');
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(false);
    recordEvidence(repo);
    expect(commit(repo, ['-q', '-m', 'a']).committed).toBe(true);
    expect(repo.git('rev-parse', 'HEAD')).toHaveLength(64);
  });
});
