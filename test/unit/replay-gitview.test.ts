// git's own account of a commit, as the replay reads it: --raw/--numstat with -z, and the line
// numbers of a -U1 patch.
import { describe, expect, it } from 'vitest';
import { expectedItems } from '../../src/replay/compare.js';
import { parsePatchNumbers, parseRawNumstat } from '../../src/replay/gitview.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);
const z = (...fields: string[]) => Buffer.from(`${fields.join('\0')}\0`);

describe('parseRawNumstat', () => {
  it('pairs raw records with numstat: a rename, a binary, a type change counted twice', () => {
    const files = parseRawNumstat(
      z(
        `:100644 100644 ${A} ${B} R087`, 'old name.js', 'new name.js',
        `:000000 100644 ${Z} ${B} A`, 'logo.png',
        `:120000 100644 ${A} ${B} T`, 'link',
        '2\t1\t', 'old name.js', 'new name.js',
        '-\t-\tlogo.png',
        '0\t1\tlink',
        '3\t0\tlink',
      ),
    );
    expect(files).toEqual([
      { status: 'R', oldPath: 'old name.js', path: 'new name.js', oldMode: '100644', newMode: '100644', oldOid: A, newOid: B, added: 2, deleted: 1 },
      { status: 'A', oldPath: null, path: 'logo.png', oldMode: null, newMode: '100644', oldOid: null, newOid: B, added: null, deleted: null },
      { status: 'T', oldPath: 'link', path: 'link', oldMode: '120000', newMode: '100644', oldOid: A, newOid: B, added: 3, deleted: 1 },
    ]);
  });

  it.each([
    ['a deletion', { status: 'D', oldMode: '100644', newMode: null, added: 0, deleted: 5 }, ['delete'], 0, 0],
    ['a binary change', { status: 'M', added: null, deleted: null }, ['binary'], 0, 0],
    ['a mode change with an edit', { status: 'M', oldMode: '100644', newMode: '100755', added: 1, deleted: 1 }, ['lines', 'mode'], 1, 1],
    ['a pure rename', { status: 'R', newOid: A, added: 0, deleted: 0 }, ['rename'], 0, 0],
    ['a submodule pointer', { status: 'M', oldMode: '160000', newMode: '160000', added: 1, deleted: 1 }, ['submodule'], 0, 0],
    ['a symlink becoming a file', { status: 'T', oldMode: '120000', newMode: '100644', added: 3, deleted: 1 }, ['lines', 'symlink'], 3, 0],
    ['a new empty file', { status: 'A', oldMode: null, oldOid: null, added: 0, deleted: 0 }, ['lines'], 0, 0],
  ] as [string, Record<string, unknown>, string[], number, number][])('expects from %s', (_name, over, kinds, plus, minus) => {
    const base: Record<string, unknown> = { status: 'M', oldPath: 'f', path: 'f', oldMode: '100644', newMode: '100644', oldOid: A, newOid: B, added: 0, deleted: 0 };
    const f = { ...base, ...over };
    const want = expectedItems(f as unknown as Parameters<typeof expectedItems>[0]);
    expect([...want.kinds].sort()).toEqual(kinds);
    expect([want.plus, want.minus]).toEqual([plus, minus]);
  });
});

describe('parsePatchNumbers', () => {
  it('numbers changed lines from hunk headers and bodies, per blob pair', () => {
    const patch = [
      'diff --git a/x b/x',
      `index ${A}..${B} 100644`,
      '--- a/x',
      '+++ b/x',
      '@@ -3,3 +3,4 @@ fn',
      ' keep',
      '-gone',
      '+new 1',
      '+new 2',
      ' keep',
      '@@ -20 +21 @@',
      '-old',
      '+new',
      'diff --git a/y b/y',
      `new file mode 100644`,
      `index ${Z}..${A}`,
      '--- /dev/null',
      '+++ b/y',
      '@@ -0,0 +1,2 @@',
      '+one',
      '+two',
    ].join('\n');
    const numbers = parsePatchNumbers(patch);
    expect(numbers.get(`${A}..${B}`)).toEqual({ plus: [4, 5, 21], minus: [4, 20] });
    expect(numbers.get(`0..${A}`)).toEqual({ plus: [1, 2], minus: [] });
  });
});
