import { describe, expect, it } from 'vitest';
import { parseCatFileBatch, parseLsFilesStage, parseLsTree } from '../../src/git/content.js';
import { parseRangeSpec, parseRevListParents } from '../../src/git/target.js';
import { treeFingerprint } from '../../src/diff/tree.js';

describe('git output parsers', () => {
  it('reads ls-files -s -z, separating unmerged paths', () => {
    const out = '100644 aaa 0\ta b.txt\x00' + '100644 bbb 1\tc.txt\x00100644 ccc 2\tc.txt\x00' + '120000 ddd 0\tli\nnk\x00';
    expect(parseLsFilesStage(out)).toEqual({
      entries: [{ mode: '100644', oid: 'aaa', path: 'a b.txt' }, { mode: '120000', oid: 'ddd', path: 'li\nnk' }],
      unmerged: ['c.txt'],
    });
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
