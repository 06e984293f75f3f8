import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, readCache, writeCache } from '../../src/cache.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('caches under the git dir', () => {
  it('round-trips a value and treats a corrupt entry as missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'rg-cache-'));
    writeCache(dir, 'a.json', { x: 1 });
    expect(readCache(dir, 'a.json')).toEqual({ x: 1 });
    const [build] = readdirSync(dir);
    writeFileSync(join(dir, build as string, 'a.json'), '{not json');
    expect(readCache(dir, 'a.json')).toBeUndefined();
  });

  it("removes older builds' folders when a new build first writes", () => {
    dir = mkdtempSync(join(tmpdir(), 'rg-cache-'));
    mkdirSync(join(dir, 'old-build'));
    writeFileSync(join(dir, 'old-build', 'b.json'), '{}');
    writeCache(dir, 'a.json', 1);
    expect(readdirSync(dir)).not.toContain('old-build');
  });

  it('keys differ with any part and with how parts are split', () => {
    expect(cacheKey('ab', 'c')).not.toBe(cacheKey('a', 'bc'));
    expect(cacheKey('a')).toBe(cacheKey('a'));
  });

  it('never throws when the folder cannot be written', () => {
    dir = mkdtempSync(join(tmpdir(), 'rg-cache-'));
    writeFileSync(join(dir, 'file'), '');
    expect(() => writeCache(join(dir, 'file'), 'a.json', 1)).not.toThrow();
    expect(readCache(join(dir, 'file'), 'a.json')).toBeUndefined();
  });
});
