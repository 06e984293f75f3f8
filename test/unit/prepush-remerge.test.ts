// The remerge-diff output (git show --remerge-diff -z --patch-with-raw) made readable by parseDiff.
import { describe, expect, it } from 'vitest';
import { stripRemergeHeaders, versionAtLeast } from '../../src/git/remerge.js';
import { parseDiff } from '../../src/diff/parse.js';

const O = 'e0101b357979e25aea736afd78190111f5853dbc';
const N = '09f536c76630c0b12201d89f052d3b56c5021436';
const raw = (status: string, ...paths: string[]) => `:100644 100644 ${O} ${N} ${status}\0${paths.map((p) => `${p}\0`).join('')}`;
const patch = (path: string) =>
  `diff --git a/${path} b/${path}\nremerge CONFLICT (content): Merge conflict in ${path}\nindex ${O}..${N} 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,3 +1,3 @@\n a\n-<<<<<<< x (main)\n+resolved\n c\n`;

describe('remerge-diff output', () => {
  it('drops the remerge header lines so the patch parses', () => {
    const out = Buffer.from(`${raw('M', 'f.txt')}\0${patch('f.txt')}`);
    expect(() => parseDiff(out)).toThrow();
    const files = parseDiff(stripRemergeHeaders(out));
    expect(files.map((f) => [f.path, f.hunks[0]?.lines.filter((l) => l.side !== ' ').length])).toEqual([['f.txt', 2]]);
  });

  it('never touches raw paths, whatever bytes they hold', () => {
    const path = 'x\nremerge CONFLICT y';
    const out = Buffer.from(`${raw('R100', 'old', path)}\0`);
    expect(stripRemergeHeaders(out).equals(out)).toBe(true);
  });

  it('drops a block left with only its diff --git line', () => {
    const out = Buffer.from(`${raw('M', 'f.txt')}\0diff --git a/g b/g\nremerge CONFLICT (modify/delete): g\n${patch('f.txt')}`);
    expect(parseDiff(stripRemergeHeaders(out)).map((f) => f.path)).toEqual(['f.txt']);
  });

  it('reads an empty remerge diff (a clean merge) as no change', () => {
    expect(parseDiff(stripRemergeHeaders(Buffer.alloc(0)))).toEqual([]);
  });

  it.each([
    ['git version 2.39.5', true],
    ['git version 2.36.0', true],
    ['git version 2.35.9', false],
    ['git version 3.0.0', true],
    ['git version 2.45.1.windows.1', true],
    ['nonsense', false],
  ])('%s supports --remerge-diff: %s', (text, ok) => expect(versionAtLeast(text, 2, 36)).toBe(ok));
});
