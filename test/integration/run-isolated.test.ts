// The isolated checkout: built from the staged tree without writing the user's index.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/exec.js';
import { indexReader } from '../../src/git/content.js';
import { commitForEntries, createIsolatedTree, removeStaleTrees } from '../../src/run/isolated.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('a.txt', 'one\n');
  repo.commitAll('init');
});
afterEach(() => repo.remove());

describe('isolated checkouts', () => {
  it('checks out exactly the staged tree and never writes the user index', async () => {
    repo.write('a.txt', 'staged\n');
    repo.write('new dir/b ü.txt', 'new\n');
    repo.git('add', '-A');
    repo.write('a.txt', 'unstaged\n');
    const index = join(repo.dir, '.git/index');
    const before = { bytes: readFileSync(index), mtime: statSync(index).mtimeMs };
    const git = new Git(repo.dir);
    const entries = await (await indexReader(git)).entries();
    const commit = await commitForEntries(git, entries, repo.git('rev-parse', 'HEAD'), join(repo.dir, '.git'));
    const tree = await createIsolatedTree(git, join(repo.dir, '.git'), repo.dir, commit, []);
    try {
      expect(readFileSync(join(tree.dir, 'a.txt'), 'utf8')).toBe('staged\n');
      expect(readFileSync(join(tree.dir, 'new dir/b ü.txt'), 'utf8')).toBe('new\n');
      expect(await tree.git.text(['status', '--porcelain'])).toBe('');
    } finally {
      await tree.remove();
    }
    expect(readFileSync(index).equals(before.bytes)).toBe(true);
    expect(statSync(index).mtimeMs).toBe(before.mtime);
    expect(existsSync(tree.dir)).toBe(false);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(repo.git('branch', '--list')).toBe('* main');
  });

  it('leaves the worktree of a live run alone when cleaning up', async () => {
    const git = new Git(repo.dir);
    const tree = await createIsolatedTree(git, join(repo.dir, '.git'), repo.dir, repo.git('rev-parse', 'HEAD'), []);
    try {
      expect(await removeStaleTrees(git, join(repo.dir, '.git'))).toEqual([]);
      expect(existsSync(tree.dir)).toBe(true);
    } finally {
      await tree.remove();
    }
  });
});
