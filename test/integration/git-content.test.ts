// The content readers against real git: blobs by id, sizes, and commits by revision.
import { afterEach, describe, expect, it } from 'vitest';
import { commitReader, indexReader, objectSizes } from '../../src/git/content.js';
import { Git } from '../../src/git/exec.js';
import { commitId } from '../../src/git/target.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
afterEach(() => repo.remove());

describe('git content', () => {
  it('reads sizes of many objects in one call, leaving unknown ids out', async () => {
    repo = makeRepo();
    repo.write('bin.dat', Buffer.from([0, 1, 2, 3, 4, 5]));
    repo.write('a.txt', 'hello\n');
    repo.commitAll('c');
    const oid = (p: string) => repo.git('rev-parse', `HEAD:${p}`);
    const sizes = await objectSizes(new Git(repo.dir), [oid('bin.dat'), oid('a.txt'), '0'.repeat(40)]);
    expect([...sizes]).toEqual([
      [oid('bin.dat'), 6],
      [oid('a.txt'), 6],
    ]);
  });

  it('reads the same blob from the index and from the commit', async () => {
    repo = makeRepo();
    repo.write('dir/x y.txt', 'same\n');
    repo.commitAll('c');
    const git = new Git(repo.dir);
    const [fromIndex, fromCommit] = await Promise.all([
      indexReader(git).then((r) => r.read(['dir/x y.txt'])),
      commitReader(git, 'HEAD').then((r) => r.read(['dir/x y.txt'])),
    ]);
    expect(fromIndex.get('dir/x y.txt')?.toString()).toBe('same\n');
    expect(fromCommit.get('dir/x y.txt')?.toString()).toBe('same\n');
  });

  it('names the commit a revision points at, peeling tags, or null', async () => {
    repo = makeRepo();
    repo.write('a.txt', '1\n');
    const head = repo.commitAll('c');
    repo.git('tag', '-a', '-m', 'v1', 'v1');
    const git = new Git(repo.dir);
    expect(await commitId(git, 'v1')).toBe(head);
    expect(await commitId(git, 'no-such-ref')).toBeNull();
    expect(await commitId(git, 'f'.repeat(40))).toBeNull();
  });
});
