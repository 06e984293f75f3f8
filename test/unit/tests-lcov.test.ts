import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLcovFile, LcovError, lineRanges, parseLcov, type LcovFile } from '../../src/testmap/lcov.js';

const REAL = readFileSync(new URL('../fixtures/tests/vitest-coverage/lcov.info', import.meta.url), 'utf8');

describe('parseLcov', () => {
  it('reads the SF and DA lines of a real Vitest V8 report', () => {
    const files = parseLcov(REAL);
    expect(files.map((f) => f.path)).toEqual(['src/price.ts', 'src/total.ts']);
    expect([...(files[0]?.lines ?? [])]).toEqual([[2, 2], [3, 2], [5, 0], [9, 1], [10, 0], [12, 1], [13, 1]]);
  });

  it('merges records of the same file and accepts CRLF and checksums', () => {
    const files = parseLcov('SF:a.ts\r\nDA:1,0,abc\r\nend_of_record\r\nSF:a.ts\r\nDA:1,2\r\nDA:2,0\r\nend_of_record\r\n');
    expect(files).toEqual([{ path: 'a.ts', lines: new Map([[1, 2], [2, 0]]) }]);
  });

  it('refuses what is not lcov', () => {
    expect(() => parseLcov('<html>coverage</html>')).toThrow(LcovError);
    expect(() => parseLcov('DA:1,1')).toThrow(/unreadable/);
    expect(parseLcov('')).toEqual([]);
  });
});

describe('findLcovFile: longest suffix, whatever the root or separators', () => {
  const file = (path: string): LcovFile => ({ path, lines: new Map() });
  it.each([
    // [report paths, repo path, expected report path | null | 'ambiguous']
    [['src/price.ts'], 'src/price.ts', 'src/price.ts'],
    [['/home/ci/app/src/price.ts'], 'src/price.ts', '/home/ci/app/src/price.ts'],
    [['C:\\work\\app\\src\\price.ts'], 'src/price.ts', 'C:\\work\\app\\src\\price.ts'],
    [['./src/price.ts'], 'src/price.ts', './src/price.ts'],
    [['src/price.ts'], 'packages/shop/src/price.ts', 'src/price.ts'],
    [['/a/src/cart/price.ts', '/a/src/price.ts'], 'src/price.ts', '/a/src/price.ts'],
    [['/a/lib/price.ts'], 'src/price.ts', null],
    [['/a/src/xprice.ts'], 'src/price.ts', null],
    [['/a/x/price.ts', '/b/y/price.ts'], 'price.ts', 'ambiguous'],
  ] as const)('%j for %s', (paths, repoPath, expected) => {
    const found = findLcovFile(paths.map(file), repoPath);
    expect(typeof found === 'object' && found !== null ? found.path : found).toBe(expected);
  });
});

describe('lineRanges', () => {
  it.each([
    [[12, 13, 14, 20], '12-14, 20'],
    [[5], '5'],
    [[], ''],
    [[3, 1, 2, 2], '1-3'],
  ])('%j → %s', (lines, text) => expect(lineRanges(lines)).toBe(text));
});
