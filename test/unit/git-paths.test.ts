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
  it('shows a raw byte as \\xFF', () => {
    expect(visible(decodePath(Buffer.from([0x61, 0xff])))).toBe('a\\xFF');
  });
});
