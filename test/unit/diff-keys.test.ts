import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineKey, nonLineKey, normalizeKey } from '../../src/diff/keys.js';

const b = (text: string): Buffer => Buffer.from(text, 'utf8');
const base = lineKey('f.ts', '+', b('x'), b('a'), b('c'));

describe('lineKey', () => {
  it('is the first 22 base64url characters (132 bits) of a sha256, stable for the same input', () => {
    expect(base).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(lineKey('f.ts', '+', b('x'), b('a'), b('c'))).toBe(base);
  });

  // Each case differs from `base` in one field; every key must differ from it and from the others.
  const variants: [string, string][] = [
    ['another path', lineKey('g.ts', '+', b('x'), b('a'), b('c'))],
    ['the other side', lineKey('f.ts', '-', b('x'), b('a'), b('c'))],
    ['other content', lineKey('f.ts', '+', b('y'), b('a'), b('c'))],
    ['another line before', lineKey('f.ts', '+', b('x'), b('z'), b('c'))],
    ['another line after', lineKey('f.ts', '+', b('x'), b('a'), b('z'))],
    ['start of file instead of an empty line', lineKey('f.ts', '+', b('x'), null, b('c'))],
    ['an empty line before', lineKey('f.ts', '+', b('x'), b(''), b('c'))],
    ['end of file instead of an empty line', lineKey('f.ts', '+', b('x'), b('a'), null)],
    ['an empty line after', lineKey('f.ts', '+', b('x'), b('a'), b(''))],
    ['no final newline on the line', lineKey('f.ts', '+', b('x'), b('a'), b('c'), { noEol: true })],
    ['no final newline on the next line', lineKey('f.ts', '+', b('x'), b('a'), b('c'), { nextNoEol: true })],
    ['bytes moved between fields', lineKey('f.ts', '+', b('xa'), b(''), b('c'))],
    ['bytes moved from the path into the line', lineKey('f.t', '+', b('sx'), b('a'), b('c'))],
    ['a different invalid UTF-8 byte', lineKey('f.ts', '+', Buffer.from([0x78, 0xff]), b('a'), b('c'))],
    ['the replacement character itself', lineKey('f.ts', '+', b('x\ufffd'), b('a'), b('c'))],
  ];
  it.each(variants)('changes with %s', (_name, key) => {
    expect(key).not.toBe(base);
  });
  it('keeps all those variants apart', () => {
    expect(new Set(variants.map(([, key]) => key)).size).toBe(variants.length);
  });
  it('does not confuse start of file with end of file', () => {
    expect(lineKey('f', '+', b('x'), null, b('y'))).not.toBe(lineKey('f', '+', b('x'), b('y'), null));
  });
});

describe('nonLineKey', () => {
  it('is length-prefixed and typed: no two part lists collide', () => {
    const keys = [
      nonLineKey('binary', 'ab', 'c'),
      nonLineKey('binary', 'a', 'bc'),
      nonLineKey('binary', 'abc'),
      nonLineKey('binary', 'abc', null),
      nonLineKey('binary', null, 'abc'),
      nonLineKey('binary', Buffer.from('abc')),
      nonLineKey('mode', 'abc'),
      nonLineKey('binary', ''),
      nonLineKey('binary'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
  it('never equals a line key of the same bytes', () => {
    expect(nonLineKey('f.ts', '+', 'x')).not.toBe(base);
  });
});

describe('normalizeKey', () => {
  it('reads a key of an earlier version (the whole sha256 in hex) as a marked short key that matches nothing computed now', () => {
    const long = createHash('sha256').update('anything').digest('hex');
    expect(normalizeKey(long)).toBe(`1~${createHash('sha256').update('anything').digest('base64url').slice(0, 22)}`);
    expect(normalizeKey(base)).toBe(base);
  });
});
