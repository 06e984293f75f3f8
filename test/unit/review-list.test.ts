import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reviewItems } from '../../src/diff/items.js';
import type { DiffLine, FileDiff } from '../../src/diff/model.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { plainStyle } from '../../src/report/style.js';
import { listItems, listText } from '../../src/review/list.js';
import { contentHash, contentHashes, pathHash } from '../../src/review/classify.js';

function file(path: string, spec: string[]): FileDiff {
  let n = 1;
  const lines: DiffLine[] = spec.map((l) => ({ side: l[0] as ' ' | '+', text: l.slice(1), raw: Buffer.from(l.slice(1)), noEol: false, oldLine: l[0] === '+' ? null : n, newLine: n++ }));
  return { status: 'modified', oldPath: path, newPath: path, path, oldMode: '100644', newMode: '100644', oldOid: '1'.repeat(40), newOid: '2'.repeat(40), similarity: null, binary: false, hunks: [{ oldStart: 1, oldCount: 2, newStart: 1, newCount: n - 1, lines }] };
}
const by = { name: 'Ann', email: 'a@e' };
const base = { v: 1 as const, at: '2026-11-26T10:00:00.000Z', by, tool: 't' };

describe('review --list', () => {
  const [a] = reviewItems([file('a.ts', [' x', '+kept', '+changed', ' y'])]);
  const [other] = reviewItems([file('b.ts', [' p', '+fresh', ' q'])]);
  // An earlier review saw "kept" (with other neighbours) and a different version of "changed".
  const earlier: EvidenceRecord = {
    ...base, id: 'r0', type: 'review', mode: 'terminal', keys: ['old1', 'old2'], durationMs: 60_000, lines: 2,
    items: [{ keys: ['old1', 'old2'], lines: 2, activeMs: 60_000, content: contentHashes([{ path: 'a.ts', side: '+', text: 'kept' }, { path: 'a.ts', side: '+', text: 'changed before' }]) } as never],
  };
  const note: EvidenceRecord = { ...base, id: 'n1', type: 'note', keys: [a!.keys[0]!], path: 'a.ts', line: 2, text: 'check the order' };
  const pending = [{ judged: { item: a! }, missing: a!.keys }, { judged: { item: other! }, missing: other!.keys }];
  const listed = listItems(pending, [earlier, note], new Set(), pending.map((p) => p.judged));

  it('says why each line is owed: neighbour changed, edited, new', () => {
    expect(listed[0]!.lines.map((l) => [l.text, l.why])).toEqual([['kept', 'neighbour changed'], ['changed', 'edited']]);
    expect(listed[1]!.why).toBe('1 new');
  });
  it('calls a never-reviewed line new, even in a file whose other lines were reviewed', () => {
    const [hunk] = reviewItems([file('a.ts', [' x', '+added later', ' y'])]);
    const owed = [{ judged: { item: hunk! }, missing: hunk!.keys }];
    const [only] = listItems(owed, [earlier], new Set(), owed.map((p) => p.judged));
    expect(only!.lines.map((l) => l.why)).toEqual(['new']);
    expect(only!.why).toBe('1 new');
  });
  it('shows the notes written on the hunk', () => {
    expect(listed[0]!.notes).toEqual([expect.objectContaining({ kind: 'note', text: 'check the order' })]);
    expect(listText(listed, plainStyle)).toContain('    note by Ann: check the order');
  });
  it('keys the content hashes exactly as createHmac does, for any secret length', () => {
    const field = (...parts: string[]) => parts.map((p) => `${p.length}:${p}`).join('');
    for (const secret of ['0123456789abcdef'.repeat(4), 'k', 'x'.repeat(65), 'é'.repeat(40)]) {
      const hmac = (message: string) => createHmac('sha256', secret).update(message).digest('hex').slice(0, 16);
      expect(contentHash('src/a b.ts', '-', 'const ü = 1;', secret)).toBe(hmac(field('reviewgate/content/v1', 'src/a b.ts', '-', 'const ü = 1;')));
      expect(pathHash('src/a b.ts', secret)).toBe(hmac(field('reviewgate/path/v1', 'src/a b.ts')));
    }
  });
  it('finds keyed and plain hashes side by side when the clone has a secret', () => {
    const secret = 'ab'.repeat(32);
    const keyed: EvidenceRecord = { ...earlier, id: 'r1', items: [{ keys: ['old3'], lines: 1, activeMs: 60_000, content: contentHashes([{ path: 'b.ts', side: '+', text: 'fresh' }], secret) } as never] };
    const [inA, inB] = listItems(pending, [earlier, keyed], new Set(), pending.map((p) => p.judged), secret);
    expect(inA!.lines.map((l) => l.why)).toEqual(['neighbour changed', 'edited']);
    expect(inB!.lines.map((l) => l.why)).toEqual(['neighbour changed']);
    // Without the secret the keyed hash is not recognised: the line is new.
    expect(listItems(pending, [keyed], new Set(), pending.map((p) => p.judged))[1]!.why).toBe('1 new');
  });
});
