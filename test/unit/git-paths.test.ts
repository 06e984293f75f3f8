import { describe, expect, it } from 'vitest';
import { decodePath, hasRawBytes, pathBytes, splitZPaths } from '../../src/git/paths.js';
import { visible } from '../../src/report/visible.js';

describe('lossless path decoding', () => {
  it.each([
    ['ASCII', Buffer.from('src/a.ts')],
    ['valid UTF-8 with an emoji', Buffer.from('dir/💀 naïve.ts')],
    ['a lone invalid byte', Buffer.from([0x61, 0xfe, 0x62])],
    ['a truncated sequence', Buffer.from([0x61, 0xe2, 0x82])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['Latin-1', Buffer.from('café', 'latin1')],
  ])('round-trips %s', (_name, bytes) => {
    expect(pathBytes(decodePath(bytes))).toEqual(bytes);
  });
  it('keeps valid UTF-8 exactly as before and tells invalid names apart', () => {
    expect(decodePath(Buffer.from('dir/💀.ts'))).toBe('dir/💀.ts');
    expect(hasRawBytes(decodePath(Buffer.from('dir/💀.ts')))).toBe(false);
    expect(decodePath(Buffer.from([0x61, 0xfe]))).not.toBe(decodePath(Buffer.from([0x61, 0xff])));
    expect(splitZPaths(Buffer.from([0x61, 0, 0x62, 0xff, 0]))).toEqual(['a', 'b\udcff']);
  });
  it('splits -z output the same whether it is all UTF-8 (one decode) or not (one per field)', () => {
    const fields = [[0x61], [], [0xef, 0xbb, 0xbf, 0x62], [0x63, 0x2f, 0xc3, 0xa9]];
    const z = (extra: number[][]) => Buffer.from([...fields, ...extra].flatMap((f) => [...f, 0]));
    expect(splitZPaths(Buffer.alloc(0))).toEqual([]);
    expect(splitZPaths(Buffer.from('a'))).toEqual(['a']);
    expect(splitZPaths(Buffer.from('a\0\0'))).toEqual(['a', '']);
    // A leading byte-order mark is part of the name, in the first field as in any other.
    expect(splitZPaths(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0]))).toEqual(['\ufeffa']);
    expect(splitZPaths(z([]))).toEqual(['a', '', '\ufeffb', 'c/é']);
    expect(splitZPaths(z([[0xff]]))).toEqual(['a', '', '\ufeffb', 'c/é', '\udcff']);
    expect(decodePath(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).not.toBe(decodePath(Buffer.from('a')));
  });
  it('shows a raw byte as \\xFF', () => {
    expect(visible(decodePath(Buffer.from([0x61, 0xff])))).toBe('a\\xFF');
  });
});
