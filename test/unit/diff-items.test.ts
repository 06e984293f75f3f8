// reviewItems on hand-built diff models: which items, which keys, which neighbours.
import { describe, expect, it } from 'vitest';
import { countChangedLines, hunkLines, reviewItems } from '../../src/diff/items.js';
import { lineKey } from '../../src/diff/keys.js';
import type { DiffLine, FileDiff, Hunk } from '../../src/diff/model.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const b = (text: string): Buffer => Buffer.from(text, 'utf8');

/** A hunk from " ctx", "-old", "+new" strings ("$" at the end: no final newline). */
function hunk(oldStart: number, newStart: number, ...spec: string[]): Hunk {
  let o = oldStart;
  let n = newStart;
  const lines: DiffLine[] = spec.map((s) => {
    const side = s[0] as DiffLine['side'];
    const noEol = s.endsWith('$');
    const text = s.slice(1, noEol ? -1 : undefined);
    return {
      side,
      text,
      raw: b(text),
      noEol,
      oldLine: side === '+' ? null : o++,
      newLine: side === '-' ? null : n++,
    };
  });
  const oldCount = lines.filter((l) => l.side !== '+').length;
  const newCount = lines.filter((l) => l.side !== '-').length;
  return { oldStart, oldCount, newStart, newCount, lines };
}

function file(overrides: Partial<FileDiff>): FileDiff {
  return {
    status: 'modified',
    oldPath: 'f.ts',
    newPath: 'f.ts',
    path: 'f.ts',
    oldMode: '100644',
    newMode: '100644',
    oldOid: A,
    newOid: B,
    similarity: null,
    binary: false,
    hunks: [],
    ...overrides,
  };
}

describe('hunkLines', () => {
  it('takes neighbours one and two away from the same side: old file for -, new file for +', () => {
    const refs = hunkLines('f.ts', hunk(3, 3, ' z', ' a', '-b', '-c', '+B', ' d', ' e'));
    expect(refs.map((r) => `${r.side}${r.line} ${r.text}`)).toEqual(['-5 b', '-6 c', '+5 B']);
    expect(refs.map((r) => r.key)).toEqual([
      lineKey('f.ts', '-', b('b'), b('a'), b('c'), { prev2: b('z'), next2: b('d') }),
      lineKey('f.ts', '-', b('c'), b('b'), b('d'), { prev2: b('a'), next2: b('e') }),
      lineKey('f.ts', '+', b('B'), b('a'), b('d'), { prev2: b('z'), next2: b('e') }),
    ]);
  });

  it('tells apart a move between places whose nearest neighbours are equal', () => {
    // `'delete',` between `'read',` and `],`, under `admin: [` and then under `guest: [`.
    const at = (header: string) => hunkLines('f.ts', hunk(3, 3, ` ${header}`, " 'read',", "+'delete',", ' ],', ' x'))[0]?.key;
    expect(at('admin: [')).not.toBe(at('guest: ['));
  });

  it('uses start and end of file when the hunk has no line there', () => {
    const refs = hunkLines('f.ts', hunk(1, 1, '-x', '+y', ' z', '+last$'));
    expect(refs.map((r) => r.key)).toEqual([
      lineKey('f.ts', '-', b('x'), null, b('z'), { prev2: null, next2: null }),
      lineKey('f.ts', '+', b('y'), null, b('z'), { prev2: null, next2: b('last'), next2NoEol: true }),
      lineKey('f.ts', '+', b('last'), b('z'), null, { noEol: true, prev2: b('y'), next2: null }),
    ]);
  });

  it('passes the no-newline flag of the next line', () => {
    const [ref] = hunkLines('f.ts', hunk(2, 2, ' 0', ' a', '+x', ' end$'));
    expect(ref?.key).toBe(lineKey('f.ts', '+', b('x'), b('a'), b('end'), { nextNoEol: true, prev2: b('0'), next2: null }));
  });

  it('fails closed on a diff read without context', () => {
    expect(() => hunkLines('f.ts', hunk(7, 7, '-x', '+y'))).toThrow(/no context before line 7/);
    expect(() => hunkLines('f.ts', hunk(6, 6, ' w', '-x', '+y', ' z'))).toThrow(/no context before line 7/);
  });

  it('gives the same keys whatever the context size and hunk split', () => {
    // One change read with -U2 in two hunks, and with -U3 in one hunk.
    const small = [hunk(1, 1, ' 1', '-2', '+two', ' 3', ' 4'), hunk(6, 6, ' 6', ' 7', '+new', ' 8', ' 9')];
    const large = [hunk(1, 1, ' 1', '-2', '+two', ' 3', ' 4', ' 5', ' 6', ' 7', '+new', ' 8', ' 9', ' 10')];
    const keys = (hunks: Hunk[]): string[] => hunks.flatMap((h) => hunkLines('f.ts', h).map((r) => r.key)).sort();
    expect(keys(large)).toEqual(keys(small));
  });
});

describe('reviewItems', () => {
  const lines = file({ hunks: [hunk(1, 1, '-a', '+b', ' c'), hunk(8, 8, ' w', ' x', '+y', ' z')] });
  const cases: [string, FileDiff, string[]][] = [
    ['one lines item per hunk', lines, ['lines +1 -1 at line 1 (2 keys)', 'lines +1 -0 at line 8 (1 keys)']],
    ['an added file: every line +', file({ status: 'added', oldPath: null, oldMode: null, oldOid: null, hunks: [hunk(0, 1, '+a', '+b')] }),
      ['lines +2 -0 at line 1 (2 keys)']],
    ['a deletion as one item', file({ status: 'deleted', newPath: null, newMode: null, newOid: null, hunks: [hunk(1, 0, '-a', '-b')] }),
      ['delete deleted file (2 lines) (1 keys)']],
    ['a pure rename as one item', file({ status: 'renamed', oldPath: 'o.ts', similarity: 100, newOid: A }),
      ['rename renamed o.ts → f.ts (100% similar) (1 keys)']],
    ['a rename with edits', file({ status: 'renamed', oldPath: 'o.ts', similarity: 90, hunks: [hunk(1, 1, '-a', '+b')] }),
      ['rename renamed o.ts → f.ts (90% similar) (1 keys)', 'lines +1 -1 at line 1 (2 keys)']],
    ['a copy', file({ status: 'copied', oldPath: 'o.ts', similarity: 100, newOid: A }), ['rename copied o.ts → f.ts (100% similar) (1 keys)']],
    ['a mode change', file({ newMode: '100755', newOid: A }), ['mode mode 100644 → 100755 (1 keys)']],
    ['a mode change with edits', file({ newMode: '100755', hunks: [hunk(1, 1, '-a', '+b')] }),
      ['mode mode 100644 → 100755 (1 keys)', 'lines +1 -1 at line 1 (2 keys)']],
    ['a binary change', file({ binary: true }), [`binary binary file changed (${A.slice(0, 12)} → ${B.slice(0, 12)}) (1 keys)`]],
    ['a symlink target', file({ oldMode: '120000', newMode: '120000', hunks: [hunk(1, 1, '-t1$', '+t2$')] }),
      ['symlink symlink target "t1" → "t2" (1 keys)']],
    ['a submodule pointer', file({ oldMode: '160000', newMode: '160000', hunks: [hunk(1, 1, `-Subproject commit ${A}`, `+Subproject commit ${B}`)] }),
      [`submodule submodule ${A.slice(0, 12)} → ${B.slice(0, 12)} (1 keys)`]],
    ['a type change to a symlink as one item', file({ status: 'typechange', newMode: '120000', hunks: [hunk(1, 0, '-a'), hunk(0, 1, '+t$')] }),
      ['symlink file (1 line) → symlink → "t" (1 keys)']],
    ['a type change to a file: one item plus the new lines', file({ status: 'typechange', oldMode: '120000', hunks: [hunk(1, 0, '-t$'), hunk(0, 1, '+a')] }),
      ['symlink symlink → "t" → file (1 line) (1 keys)', 'lines +1 -0 at line 1 (1 keys)']],
    ['an added empty file', file({ status: 'added', oldPath: null, oldMode: null, oldOid: null }), ['lines new empty file (1 keys)']],
  ];
  it.each(cases)('makes %s', (_name, diff, expected) => {
    expect(reviewItems([diff]).map((i) => `${i.kind} ${i.summary} (${i.keys.length} keys)`)).toEqual(expected);
  });

  it('binds non-line keys to content: another blob, another key', () => {
    const key = (f: FileDiff): string | undefined => reviewItems([f])[0]?.keys[0];
    expect(key(file({ binary: true }))).not.toBe(key(file({ binary: true, newOid: 'c'.repeat(40) })));
    const deleted = { status: 'deleted', newPath: null, newMode: null, newOid: null } as const;
    expect(key(file(deleted))).not.toBe(key(file({ ...deleted, oldOid: B })));
  });

  it('does not depend on file order', () => {
    const other = file({ path: 'g.ts', oldPath: 'g.ts', newPath: 'g.ts', binary: true });
    const keys = (files: FileDiff[]): string[] => reviewItems(files).flatMap((i) => i.keys).sort();
    expect(keys([other, lines])).toEqual(keys([lines, other]));
  });

  it('counts itemised changed lines', () => {
    expect(countChangedLines(reviewItems([lines, file({ binary: true })]))).toBe(3);
  });
});
