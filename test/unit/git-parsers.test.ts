import { describe, expect, it } from 'vitest';
import { identEmail, parseAuthorEmails } from '../../src/git/authors.js';
import { parseCatFileBatch, parseLsFilesStage, parseLsTree, parseNamedBlobs } from '../../src/git/content.js';
import { parseIdLines, parseShallowFile } from '../../src/git/history.js';
import { formatIndexInfo, parseIndexEntries } from '../../src/git/index-entries.js';
import { gitdirNames } from '../../src/git/worktree.js';
import { parseRangeSpec, parseRevListParents } from '../../src/git/target.js';
import { treeFingerprint } from '../../src/diff/tree.js';

describe('git output parsers', () => {
  it('reads ls-files -s -z, separating unmerged paths', () => {
    const out = '100644 aaa 0\ta b.txt\x00' + '100644 bbb 1\tc.txt\x00100644 ccc 2\tc.txt\x00' + '120000 ddd 0\tli\nnk\x00';
    expect(parseLsFilesStage(out)).toEqual({
      entries: [{ mode: '100644', oid: 'aaa', path: 'a b.txt' }, { mode: '120000', oid: 'ddd', path: 'li\nnk' }],
      unmerged: ['c.txt'],
    });
    // Records that are not `<mode> <oid> <stage>\t<path>` are skipped, not misread.
    expect(parseLsFilesStage('100644 aaa\tx\x00 aaa 0\ty\x00100644  0\tz\x00100644 aaa 0 \x00\x00')).toEqual({ entries: [], unmerged: [] });
    expect(parseLsFilesStage(Buffer.from('100644 aaa 0\tp\xff\x00', 'latin1')).entries[0]?.path).toBe('p\udcff');
  });

  it('reads ls-tree -r -z', () => {
    expect(parseLsTree('100644 blob aaa\tx/é.ts\x00160000 commit bbb\tsub\x00')).toEqual([
      { mode: '100644', oid: 'aaa', path: 'x/é.ts' },
      { mode: '160000', oid: 'bbb', path: 'sub' },
    ]);
  });

  it('reads cat-file --batch output including binary content and missing objects', () => {
    const body = Buffer.from([0, 10, 255]);
    const out = Buffer.concat([Buffer.from('aaa blob 3\n'), body, Buffer.from('\nbbb missing\nccc blob 0\n\n')]);
    const [a, b, c] = parseCatFileBatch(out, 3);
    expect(a).toEqual(body);
    expect(b).toBeNull();
    expect(c?.length).toBe(0);
  });

  it.each([
    ['main..HEAD', { from: 'main', to: 'HEAD', symmetric: false }],
    ['origin/main...feature/x', { from: 'origin/main', to: 'feature/x', symmetric: true }],
    ['HEAD~3..HEAD', { from: 'HEAD~3', to: 'HEAD', symmetric: false }],
  ])('parses the range %s', (spec, expected) => expect(parseRangeSpec(spec)).toEqual(expected));

  it.each(['main', '..HEAD', 'main..'])('rejects the range %s', (spec) => expect(() => parseRangeSpec(spec)).toThrow(/invalid range/));

  it('reads rev-list --parents', () => {
    expect(parseRevListParents('c1\nc2 c1\nc3 c2 x9\n')).toEqual([
      { id: 'c1', parents: [] },
      { id: 'c2', parents: ['c1'] },
      { id: 'c3', parents: ['c2', 'x9'] },
    ]);
  });
});

describe('git output parsers for the named git questions', () => {
  it('keeps every stage of ls-files -s -z, with paths holding tabs, spaces and newlines', () => {
    const out = Buffer.from('100644 aaa 0\ta\tb c.jsonl\x00100644 bbb 2\tu.txt\x00120000 ccc 0\tli\nnk\x00');
    expect(parseIndexEntries(out)).toEqual([
      { mode: '100644', oid: 'aaa', stage: '0', path: 'a\tb c.jsonl' },
      { mode: '100644', oid: 'bbb', stage: '2', path: 'u.txt' },
      { mode: '120000', oid: 'ccc', stage: '0', path: 'li\nnk' },
    ]);
  });

  it.each([
    ['with a stage', [{ mode: '100644', oid: 'aaa', stage: '0', path: 'a b' }], '100644 aaa 0\ta b\0'],
    ['without a stage', [{ mode: '100755', oid: 'bbb', path: 'x\ny' }], '100755 bbb\tx\ny\0'],
    ['nothing', [], ''],
  ])('writes update-index --index-info input %s', (_, entries, expected) => expect(formatIndexInfo(entries)).toBe(expected));

  it('reads cat-file --batch by name: blobs with their ids, missing, ambiguous and non-blobs left out', () => {
    const out = Buffer.concat([
      Buffer.from('aaa blob 5\nplan\n\n'),
      Buffer.from(':gone.md missing\n'),
      Buffer.from('abc ambiguous\n'),
      Buffer.from('ttt tree 4\nxxxx\n'),
      Buffer.from('bbb blob 0\n\n'),
    ]);
    const map = parseNamedBlobs(out, ['HEAD:a.md', ':gone.md', 'abc', 'HEAD:dir', ':e.md']);
    expect([...map]).toEqual([
      ['HEAD:a.md', { oid: 'aaa', text: 'plan\n' }],
      [':e.md', { oid: 'bbb', text: '' }],
    ]);
  });

  it('stops at a truncated cat-file --batch answer instead of throwing', () => {
    expect([...parseNamedBlobs(Buffer.from('aaa blob 2\nok\n'), ['x', 'y'])]).toEqual([['x', { oid: 'aaa', text: 'ok' }]]);
  });

  it.each([
    ['Test Author <author@example.com> 1700000000 +0100', 'author@example.com'],
    ['No Mail <> 1700000000 +0000', ''],
    ['', null],
  ])('finds the e-mail in the ident %j', (ident, email) => expect(identEmail(ident)).toBe(email));

  it('reads show -s --format=%H %ae, skipping lines without an e-mail', () => {
    expect([...parseAuthorEmails('c1 a@x.org\nc2 b@y.org\nc3 \n\n')]).toEqual([
      ['c1', 'a@x.org'],
      ['c2', 'b@y.org'],
    ]);
  });

  it.each([
    ['c1\nc2\n', ['c1', 'c2']],
    ['', []],
    ['\nc1\n\n', ['c1']],
  ])('reads one id per line from %j', (text, ids) => expect(parseIdLines(text)).toEqual(ids));

  it('reads the shallow file as a set of boundary commits', () => {
    expect([...parseShallowFile('aaa\nbbb\n')]).toEqual(['aaa', 'bbb']);
    expect(parseShallowFile('').size).toBe(0);
  });

  it.each([
    ['/tmp/reviewgate-run-1/.git\n', '/tmp/reviewgate-run-1', true],
    ['/tmp/reviewgate-run-1/.git', '/tmp/reviewgate-run-1/', true],
    ['/tmp/reviewgate-run-12/.git\n', '/tmp/reviewgate-run-1', false],
    ['', '/tmp/reviewgate-run-1', false],
  ])('matches the worktree admin gitdir %j to the checkout %s', (file, dir, same) => expect(gitdirNames(file, dir)).toBe(same));
});

describe('tree fingerprint', () => {
  const entries = [
    { mode: '100644', oid: 'a1', path: 'src/a.ts' },
    { mode: '100644', oid: 'e1', path: '.reviewgate/evidence/main.jsonl' },
  ];
  it('leaves the evidence folder out and does not depend on order', () => {
    const fp = treeFingerprint(entries, '.reviewgate');
    expect(treeFingerprint([...entries].reverse(), '.reviewgate')).toBe(fp);
    expect(treeFingerprint([entries[0]!, { ...entries[1]!, oid: 'e2' }], '.reviewgate')).toBe(fp);
  });
  it('changes with any content, mode or path change', () => {
    const fp = treeFingerprint(entries, '.reviewgate');
    expect(treeFingerprint([{ ...entries[0]!, oid: 'a2' }], '.reviewgate')).not.toBe(fp);
    expect(treeFingerprint([{ ...entries[0]!, mode: '100755' }], '.reviewgate')).not.toBe(fp);
    expect(treeFingerprint([{ ...entries[0]!, path: 'src/b.ts' }], '.reviewgate')).not.toBe(fp);
  });
});
