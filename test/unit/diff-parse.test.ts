// parseDiff on literal `git diff-tree -z --patch-with-raw --full-index -U1` output bytes.
import { describe, expect, it } from 'vitest';
import { hunkLines } from '../../src/diff/items.js';
import { parseDiff } from '../../src/diff/parse.js';
import type { FileDiff } from '../../src/diff/model.js';
import { UserError } from '../../src/errors.js';

const Z = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** Raw records (header and paths, NUL-terminated), one NUL, then the patch text. */
function output(records: string[][], patch: string | Buffer): Buffer {
  const raw = records.map((fields) => fields.map((f) => `${f}\0`).join('')).join('');
  const body = typeof patch === 'string' ? Buffer.from(patch, 'utf8') : patch;
  return Buffer.concat([Buffer.from(raw, 'utf8'), body.length > 0 ? Buffer.from('\0') : Buffer.alloc(0), body]);
}

/** A picture of a parsed file: status, paths, modes, flags and "<side><old>,<new><noEol?> text". */
function picture(file: FileDiff): unknown {
  return {
    status: file.status,
    paths: [file.oldPath, file.newPath],
    modes: [file.oldMode, file.newMode],
    similarity: file.similarity,
    binary: file.binary,
    hunks: file.hunks.map((h) => [
      `${h.oldStart},${h.oldCount} ${h.newStart},${h.newCount}`,
      ...h.lines.map((l) => `${l.side}${l.oldLine ?? '_'},${l.newLine ?? '_'}${l.noEol ? '$' : ''} ${l.text}`),
    ]),
  };
}

const cases: [string, Buffer, unknown][] = [
  [
    'a modified file',
    output(
      [[`:100644 100644 ${A} ${B} M`, 'f.txt']],
      `diff --git a/f.txt b/f.txt\nindex ${A}..${B} 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -2,3 +2,3 @@ ctx\n a\n-b\n+B\n c\n`,
    ),
    { status: 'modified', paths: ['f.txt', 'f.txt'], modes: ['100644', '100644'], similarity: null, binary: false,
      hunks: [['2,3 2,3', ' 2,2 a', '-3,_ b', '+_,3 B', ' 4,4 c']] },
  ],
  [
    'an added file whose name holds a newline, a tab and non-ASCII (exact in raw, quoted in patch)',
    output(
      [[`:000000 100644 ${Z} ${B} A`, 'n\ne\té 日本.txt']],
      `diff --git "a/n\\ne\\t\\303\\251 x" "b/n\\ne\\t\\303\\251 x"\nnew file mode 100644\nindex ${Z}..${B}\n--- /dev/null\n+++ "b/n\\ne"\n@@ -0,0 +1,2 @@\n+one\n+two\n`,
    ),
    { status: 'added', paths: [null, 'n\ne\té 日本.txt'], modes: [null, '100644'], similarity: null, binary: false,
      hunks: [['0,0 1,2', '+_,1 one', '+_,2 two']] },
  ],
  [
    'a deleted file',
    output(
      [[`:100644 000000 ${A} ${Z} D`, 'gone']],
      `diff --git a/gone b/gone\ndeleted file mode 100644\nindex ${A}..${Z}\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n`,
    ),
    { status: 'deleted', paths: ['gone', null], modes: ['100644', null], similarity: null, binary: false,
      hunks: [['1,1 0,0', '-1,_ bye']] },
  ],
  [
    'a pure rename (no index line, no hunks)',
    output(
      [[`:100644 100644 ${A} ${A} R100`, 'old name', 'new name']],
      'diff --git a/old name b/new name\nsimilarity index 100%\nrename from old name\nrename to new name\n',
    ),
    { status: 'renamed', paths: ['old name', 'new name'], modes: ['100644', '100644'], similarity: 100, binary: false, hunks: [] },
  ],
  [
    'a rename with edits and a mode change',
    output(
      [[`:100644 100755 ${A} ${B} R087`, 'a.sh', 'b.sh']],
      `diff --git a/a.sh b/b.sh\nold mode 100644\nnew mode 100755\nsimilarity index 87%\nrename from a.sh\nrename to b.sh\nindex ${A}..${B}\n--- a/a.sh\n+++ b/b.sh\n@@ -9 +9 @@\n-x\n+y\n`,
    ),
    { status: 'renamed', paths: ['a.sh', 'b.sh'], modes: ['100644', '100755'], similarity: 87, binary: false,
      hunks: [['9,1 9,1', '-9,_ x', '+_,9 y']] },
  ],
  [
    'a binary change',
    output(
      [[`:100644 100644 ${A} ${B} M`, 'img.png']],
      `diff --git a/img.png b/img.png\nindex ${A}..${B} 100644\nBinary files a/img.png and b/img.png differ\n`,
    ),
    { status: 'modified', paths: ['img.png', 'img.png'], modes: ['100644', '100644'], similarity: null, binary: true, hunks: [] },
  ],
  [
    'a type change printed as a deletion block and a creation block',
    output(
      [[`:100644 120000 ${A} ${B} T`, 'thing']],
      `diff --git a/thing b/thing\ndeleted file mode 100644\nindex ${A}..${Z}\n--- a/thing\n+++ /dev/null\n@@ -1 +0,0 @@\n-file\n` +
        `diff --git a/thing b/thing\nnew file mode 120000\nindex ${Z}..${B}\n--- /dev/null\n+++ b/thing\n@@ -0,0 +1 @@\n+target\n\\ No newline at end of file\n`,
    ),
    { status: 'typechange', paths: ['thing', 'thing'], modes: ['100644', '120000'], similarity: null, binary: false,
      hunks: [['1,1 0,0', '-1,_ file'], ['0,0 1,1', '+_,1$ target']] },
  ],
  [
    'a retargeted symlink (no-newline markers between the sides)',
    output(
      [[`:120000 120000 ${A} ${B} M`, 'link']],
      `diff --git a/link b/link\nindex ${A}..${B} 120000\n--- a/link\n+++ b/link\n@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n`,
    ),
    { status: 'modified', paths: ['link', 'link'], modes: ['120000', '120000'], similarity: null, binary: false,
      hunks: [['1,1 1,1', '-1,_$ old', '+_,1$ new']] },
  ],
  [
    'a submodule pointer',
    output(
      [[`:160000 160000 ${A} ${B} M`, 'sub']],
      `diff --git a/sub b/sub\nindex ${A}..${B} 160000\n--- a/sub\n+++ b/sub\n@@ -1 +1 @@\n-Subproject commit ${A}\n+Subproject commit ${B}\n`,
    ),
    { status: 'modified', paths: ['sub', 'sub'], modes: ['160000', '160000'], similarity: null, binary: false,
      hunks: [['1,1 1,1', `-1,_ Subproject commit ${A}`, `+_,1 Subproject commit ${B}`]] },
  ],
  [
    'an empty context line printed as "" (diff.suppressBlankEmpty)',
    output(
      [[`:100644 100644 ${A} ${B} M`, 'f']],
      `diff --git a/f b/f\nindex ${A}..${B} 100644\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n\n-x\n+y\n \n`,
    ),
    { status: 'modified', paths: ['f', 'f'], modes: ['100644', '100644'], similarity: null, binary: false,
      hunks: [['1,3 1,3', ' 1,1 ', '-2,_ x', '+_,2 y', ' 3,3 ']] },
  ],
  [
    'an added empty file',
    output(
      [[`:000000 100644 ${Z} ${B} A`, 'empty']],
      `diff --git a/empty b/empty\nnew file mode 100644\nindex ${Z}..${B}\n`,
    ),
    { status: 'added', paths: [null, 'empty'], modes: [null, '100644'], similarity: null, binary: false, hunks: [] },
  ],
  ['no change at all', Buffer.alloc(0), undefined],
];

describe('parseDiff', () => {
  it.each(cases)('reads %s', (_name, bytes, expected) => {
    const files = parseDiff(bytes);
    expect(files.map(picture)[0]).toEqual(expected);
    expect(files.length).toBe(expected === undefined ? 0 : 1);
  });

  it('reads several files in order, pairing each patch with its raw record', () => {
    const bytes = output(
      [
        [`:100644 100644 ${A} ${A} R100`, 'x', 'y'],
        [`:100644 100755 ${B} ${B} M`, 'run'],
        [`:000000 100644 ${Z} ${A} A`, 'z'],
      ],
      'diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\n' +
        'diff --git a/run b/run\nold mode 100644\nnew mode 100755\n' +
        `diff --git a/z b/z\nnew file mode 100644\nindex ${Z}..${A}\n--- /dev/null\n+++ b/z\n@@ -0,0 +1 @@\n+diff --git a/x b/x\n`,
    );
    const files = parseDiff(bytes);
    expect(files.map((f) => `${f.status} ${f.path} ${f.oldOid?.[0]}${f.newOid?.[0]}`)).toEqual([
      'renamed y aa',
      'modified run bb',
      'added z undefineda',
    ]);
    expect(files[2]?.hunks[0]?.lines[0]?.text).toBe('diff --git a/x b/x');
  });

  it('keeps exact bytes: invalid UTF-8 and carriage returns', () => {
    const patch = Buffer.concat([
      Buffer.from(`diff --git a/f b/f\nindex ${A}..${B} 100644\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-caf`),
      Buffer.from([0xe9, 0x0a]),
      Buffer.from('+crlf\r\n'),
    ]);
    const line = parseDiff(output([[`:100644 100644 ${A} ${B} M`, 'f']], patch))[0]?.hunks[0]?.lines;
    expect(line?.[0]?.raw).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(line?.[0]?.text).toBe('caf\ufffd');
    expect(line?.[1]?.raw.toString('latin1')).toBe('crlf\r');
  });

  it('stops on unmerged paths with the list', () => {
    const bytes = output([[`:100644 000000 ${A} ${Z} U`, 'conflict.ts']], '* Unmerged path conflict.ts\n');
    expect(() => parseDiff(bytes)).toThrow(UserError);
    expect(() => parseDiff(bytes)).toThrow('unmerged paths: conflict.ts');
  });

  const broken: [string, Buffer][] = [
    ['a patch whose ids are not the raw record', output([[`:100644 100644 ${A} ${B} M`, 'f']], `diff --git a/f b/f\nindex ${B}..${A} 100644\n`)],
    ['a changed file without an index line', output([[`:100644 100644 ${A} ${B} M`, 'f']], 'diff --git a/f b/f\nold mode 100644\nnew mode 100755\n')],
    ['a raw record without a patch', output([[`:100644 100755 ${A} ${A} M`, 'f']], '')],
    ['a patch without a raw record', Buffer.from('diff --git a/f b/f\nold mode 100644\nnew mode 100755\n')],
    ['an unknown header line', output([[`:100644 100755 ${A} ${A} M`, 'f']], 'diff --git a/f b/f\nsomething new\n')],
    ['a GIT binary patch', output([[`:100644 100644 ${A} ${B} M`, 'f']], `diff --git a/f b/f\nindex ${A}..${B} 100644\nGIT binary patch\n`)],
    ['a hunk cut short', output([[`:100644 100644 ${A} ${B} M`, 'f']], `diff --git a/f b/f\nindex ${A}..${B} 100644\n@@ -1,2 +1,2 @@\n a\n`)],
    ['a line that does not fit the counts', output([[`:100644 100644 ${A} ${B} M`, 'f']], `diff --git a/f b/f\nindex ${A}..${B} 100644\n@@ -1 +1 @@\n-a\n-b\n`)],
    ['a type change with one block', output([[`:100644 120000 ${A} ${B} T`, 't']], `diff --git a/t b/t\ndeleted file mode 100644\nindex ${A}..${Z}\n`)],
    ['a raw record without its NUL', Buffer.from(`:100644 100644 ${A} ${B} M\0f`)],
  ];
  it.each(broken)('fails closed on %s', (_name, bytes) => {
    expect(() => parseDiff(bytes)).toThrow(/unexpected git diff output/);
  });

  it('parses in linear time (a 200,000-line hunk)', () => {
    const n = 200_000;
    const body = Array.from({ length: n }, (_, i) => `+line ${i}\n`).join('');
    const bytes = output(
      [[`:000000 100644 ${Z} ${B} A`, 'big']],
      `diff --git a/big b/big\nnew file mode 100644\nindex ${Z}..${B}\n--- /dev/null\n+++ b/big\n@@ -0,0 +1,${n} @@\n${body}`,
    );
    const started = performance.now();
    const [file] = parseDiff(bytes);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(file?.hunks[0]?.lines).toHaveLength(n);
    expect(file?.hunks[0]?.lines[n - 1]?.newLine).toBe(n);
  });

  it('keys a parsed line (bytes left in the output) as it keys the same bytes in a Buffer of their own', () => {
    // Invalid UTF-8, a CR, an empty line, and a last line without its newline on each side.
    const body = Buffer.concat([
      Buffer.from(`diff --git a/f b/f\nindex ${A}..${B} 100644\n--- a/f\n+++ b/f\n@@ -1,7 +1,7 @@\n a\n b\r\n-c\xff\n+C`, 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\n \n-d\n+D\n e\n-f\n\\ No newline at end of file\n+F\n\\ No newline at end of file\n', 'latin1'),
    ]);
    const [file] = parseDiff(output([[`:100644 100644 ${A} ${B} M`, 'f']], body));
    const parsed = file!.hunks[0]!;
    expect(parsed.lines.map((l) => l.raw.toString('latin1'))).toEqual(['a', 'b\r', 'c\xff', 'C\xe9', '', 'd', 'D', 'e', 'f', 'F']);
    const copied = { ...parsed, lines: parsed.lines.map((l) => ({ side: l.side, text: l.text, raw: Buffer.from(l.raw), noEol: l.noEol, oldLine: l.oldLine, newLine: l.newLine })) };
    for (const reach of [1, 2] as const) {
      const keys = hunkLines('f', parsed, reach);
      expect(keys).toHaveLength(6);
      expect(keys).toEqual(hunkLines('f', copied, reach));
    }
    // Long lines are copied by Buffer#copy rather than byte by byte: the same keys.
    const long = 'y'.repeat(300);
    const [wide] = parseDiff(output([[`:100644 100644 ${A} ${B} M`, 'f']], `diff --git a/f b/f\nindex ${A}..${B} 100644\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n ${long}1\n-${long}2\n+${long}3\n ${long}4\n`));
    const hunk = wide!.hunks[0]!;
    const plain = { ...hunk, lines: hunk.lines.map((l) => ({ side: l.side, text: l.text, raw: Buffer.from(l.raw), noEol: l.noEol, oldLine: l.oldLine, newLine: l.newLine })) };
    expect(hunkLines('f', hunk)).toEqual(hunkLines('f', plain));
  });
});
