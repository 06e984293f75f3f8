// The named git questions (src/git/history.ts, index-entries.ts, worktree.ts, ...) asked of real
// repositories: each answers what its name says, including the edge cases callers rely on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authorEmails, nextCommitAuthorEmail } from '../../src/git/authors.js';
import { changedPathsBetween, pathsAddedOrModified } from '../../src/git/changed-paths.js';
import { readBlobsByName } from '../../src/git/content.js';
import { configValue, hooksPaths } from '../../src/git/config.js';
import { Git, type GitRunOptions } from '../../src/git/exec.js';
import { printedFileAt } from '../../src/git/file-at.js';
import {
  commitsAdding,
  commitsToPush,
  commitsTouching,
  firstParent,
  historyWithParents,
  isShallow,
  lastNonMergeTouching,
  mergeBase,
  reachableOnlyFrom,
  shallowBoundary,
} from '../../src/git/history.js';
import { commitTree, indexEntriesUnder, setIndexEntries, treeOfEntries } from '../../src/git/index-entries.js';
import { resolveRange } from '../../src/git/target.js';
import { addDetachedWorktree, listUnignoredFiles, removeWorktree, unstagePaths } from '../../src/git/worktree.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const made: TestRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const r of made.splice(0)) r.remove();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function repo(): TestRepo {
  const r = makeRepo();
  made.push(r);
  return r;
}

describe('history questions', () => {
  it('answers merge base, first parent and reachability; null where there is none', async () => {
    const r = repo();
    r.write('a.txt', '1\n');
    const root = r.commitAll('root');
    r.write('a.txt', '2\n');
    const second = r.commitAll('second');
    r.git('checkout', '-q', '-b', 'side', root);
    r.write('b.txt', 'b\n');
    const side = r.commitAll('side');
    r.git('checkout', '-q', '--orphan', 'alone');
    r.write('c.txt', 'c\n');
    const alone = r.commitAll('alone');
    const git = new Git(r.dir);
    expect(await mergeBase(git, second, side)).toBe(root);
    expect(await mergeBase(git, second, alone)).toBeNull();
    expect(await firstParent(git, second)).toBe(root);
    expect(await firstParent(git, root)).toBeNull();
    expect(await reachableOnlyFrom(git, second, [side])).toEqual([second]);
    expect(await historyWithParents(git, `${root}..${second}`)).toEqual([{ id: second, parents: [root] }]);
    expect(await commitsToPush(git, side, root, 'origin')).toEqual([{ id: side, parents: [root] }]);
    // No remote named origin: every commit of side is unpushed, oldest first.
    expect((await commitsToPush(git, side, null, 'origin')).map((c) => c.id)).toEqual([root, side]);
  });

  it('finds the commits that added and touched a file, and the last non-merge commit under a folder', async () => {
    const r = repo();
    r.write('x.txt', 'x\n');
    const first = r.commitAll('first');
    r.write('cfg.yml', 'a\n');
    const adds = r.commitAll('adds');
    r.write('cfg.yml', 'b\n');
    const edits = r.commitAll('edits');
    r.write('plans/p.md', 'p\n');
    const plan = r.commitAll('plan');
    r.write('x.txt', 'y\n');
    r.commitAll('later');
    const git = new Git(r.dir);
    expect(await commitsAdding(git, 'HEAD', 'cfg.yml')).toEqual([adds]);
    expect(await commitsTouching(git, 'HEAD', 'cfg.yml', 2)).toEqual([edits, adds]);
    expect(await commitsTouching(git, 'HEAD', 'cfg.yml', 1)).toEqual([edits]);
    expect(await commitsTouching(git, first, 'cfg.yml', 1)).toEqual([]);
    expect(await lastNonMergeTouching(git, 'HEAD', null, 'plans/')).toBe(plan);
    expect(await lastNonMergeTouching(git, 'HEAD', plan, 'plans/')).toBeNull();
    expect(await pathsAddedOrModified(git, plan, 'plans/')).toEqual(['plans/p.md', '']);
    expect(await changedPathsBetween(git, first, 'HEAD', 'plans/')).toEqual(['plans/p.md']);
  });

  it('tells a shallow clone and its boundary from a full one', async () => {
    const r = repo();
    for (const n of [1, 2, 3]) {
      r.write('a.txt', `${n}\n`);
      r.commitAll(`c${n}`);
    }
    const full = new Git(r.dir);
    expect(await isShallow(full)).toBe(false);
    expect(await shallowBoundary(join(r.dir, '.git'))).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'reviewgate-shallow-'));
    dirs.push(dir);
    execFileSync('git', ['clone', '-q', '--depth=2', `file://${r.dir}`, dir], { env: cleanEnv() });
    const clone = new Git(dir);
    expect(await isShallow(clone)).toBe(true);
    expect(await shallowBoundary(join(dir, '.git'))).toEqual(new Set([r.git('rev-parse', 'HEAD~1')]));
  });
});

describe('ranges', () => {
  it('names the first unknown revision of a range, even when git answers about the second first', async () => {
    const r = repo();
    r.write('a.txt', '1\n');
    r.commitAll('root');
    // Real git, with its answer about "nope" held back 200 ms: the two are asked at once, and which
    // unknown revision the error names must not depend on which answer comes first.
    class SlowOnNope extends Git {
      override async text(args: readonly string[], options?: GitRunOptions): Promise<string> {
        const out = await super.text(args, options);
        if (args.some((a) => a.startsWith('nope'))) await new Promise((done) => setTimeout(done, 200));
        return out;
      }
    }
    await expect(resolveRange(new SlowOnNope(r.dir), 'nope..nada')).rejects.toThrow('unknown revision "nope"');
    await expect(resolveRange(new Git(r.dir), 'HEAD..nada')).rejects.toThrow('unknown revision "nada"');
  });
});

describe('authors, configuration and files', () => {
  it('reads author e-mails of commits and of the commit about to be made', async () => {
    const r = repo();
    r.write('a.txt', 'a\n');
    const c = r.commitAll('c');
    const git = new Git(r.dir);
    expect(await authorEmails(git, [c])).toEqual(new Map([[c, 'author@example.com']]));
    expect(await authorEmails(git, [])).toEqual(new Map());
    expect(await nextCommitAuthorEmail(git)).toBe('author@example.com');
  });

  it('reads configuration values, empty when unset, and where git runs hooks from', async () => {
    const r = repo();
    const git = new Git(r.dir);
    expect(await configValue(git, 'user.email')).toBe('author@example.com');
    expect(await configValue(git, 'gpg.format')).toBe('');
    expect(await hooksPaths(git)).toEqual({ gitPath: '.git/hooks', hooksPath: '' });
    r.git('config', 'core.hooksPath', '.husky/_');
    expect(await hooksPaths(git)).toEqual({ gitPath: '.husky/_', hooksPath: '.husky/_' });
  });

  it('reads blobs by name and a committed file, leaving out what is not there', async () => {
    const r = repo();
    r.write('d/p.md', 'plan\n');
    const c = r.commitAll('c');
    const git = new Git(r.dir);
    const blobs = await readBlobsByName(git, [`${c}:d/p.md`, ':d/p.md', `${c}:d`, ':gone.md', ':d/p.md']);
    expect([...blobs.keys()]).toEqual([`${c}:d/p.md`, ':d/p.md']);
    expect(blobs.get(':d/p.md')).toEqual({ oid: r.git('rev-parse', ':d/p.md'), text: 'plan\n' });
    expect(await printedFileAt(git, c, 'd/p.md')).toBe('plan\n');
    expect(await printedFileAt(git, c, 'gone.md')).toBe('');
  });

  it('lists tracked and untracked files but not ignored ones', async () => {
    const r = repo();
    r.write('.gitignore', 'out/\n');
    r.write('a.txt', 'a\n');
    r.commitAll('c');
    r.write('new file.txt', 'n\n');
    r.write('out/x.js', 'x\n');
    expect((await listUnignoredFiles(new Git(r.dir))).sort()).toEqual(['.gitignore', 'a.txt', 'new file.txt']);
  });
});

describe('index and worktree writes', () => {
  it('sets, reads back and unstages index entries', async () => {
    const r = repo();
    r.write('ev/a.jsonl', '{}\n');
    r.write('ev/b.jsonl', '[]\n');
    r.commitAll('c');
    const git = new Git(r.dir);
    const before = await indexEntriesUnder(git, 'ev');
    expect(before.map((e) => [e.path, e.stage])).toEqual([
      ['ev/a.jsonl', '0'],
      ['ev/b.jsonl', '0'],
    ]);
    const [a, b] = before as [(typeof before)[0], (typeof before)[0]];
    await setIndexEntries(git, [{ mode: a.mode, oid: b.oid, path: a.path }]);
    expect(r.git('rev-parse', ':ev/a.jsonl')).toBe(b.oid);
    await unstagePaths(git, ['ev/b.jsonl', 'ev/never.jsonl']);
    expect((await indexEntriesUnder(git, 'ev')).map((e) => e.path)).toEqual(['ev/a.jsonl']);
  });

  it('commits a tree of entries without writing the index, and checks it out and removes it as a worktree', async () => {
    const r = repo();
    r.write('a.txt', 'a\n');
    const head = r.commitAll('c');
    const git = new Git(r.dir);
    const blob = r.git('rev-parse', ':a.txt');
    const indexBefore = r.git('ls-files', '-s');
    const tree = await treeOfEntries(git, [{ mode: '100755', oid: blob, path: 'bin/run', stage: '0' }], join(r.dir, '.git'));
    expect(r.git('ls-tree', '-r', tree)).toBe(`100755 blob ${blob}\tbin/run`);
    expect(r.git('ls-files', '-s')).toBe(indexBefore);
    const commit = await commitTree(git, tree, head, 'm');
    expect(r.git('rev-parse', `${commit}^`)).toBe(head);
    const dir = join(mkdtempSync(join(tmpdir(), 'reviewgate-wt-')), 'tree');
    dirs.push(dir);
    await addDetachedWorktree(git, dir, commit);
    expect(existsSync(join(dir, 'bin/run'))).toBe(true);
    await removeWorktree(git, join(r.dir, '.git'), dir);
    expect(existsSync(dir)).toBe(false);
    expect(r.git('worktree', 'list', '--porcelain')).not.toContain(dir);
  });
});
