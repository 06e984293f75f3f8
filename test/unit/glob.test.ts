// globMatcher: one compiled matcher per set of globs, true exactly when one glob matches.
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/glob.js';

const sets: string[][] = [
  ['**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}', '**/__tests__/**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}', '**/test_*.py', '**/*_test.py', '**/*_test.go'],
  ['src/**/*.ts', '!src/**/*.d.ts'],
  ['package-lock.json'],
  ['.env*', '**/.env*', '**/*.pem', '**/secrets/**'],
  ['+(a|b)/*.js', '@(x|y)z/**', '[abc]?.md'],
  [],
];
const paths = [
  'test/cart/price.test.ts', 'src/a.spec.mjs', 'lib/__tests__/deep/x.tsx', 'tests/test_api.py', 'pkg/api_test.go', 'api_test.py',
  'src/a.ts', 'src/types.d.ts', 'src/x/y/z.ts', 'package-lock.json', 'a/package-lock.json', '.env', '.env.local', 'conf/.env',
  'k/server.pem', 'a/secrets/b/c', 'a/file.js', 'c/file.js', 'xz/q/r', 'zz/q', 'a1.md', 'd1.md', '.hidden/x.test.js', 'ñ/ü.test.ts',
];

describe('globMatcher', () => {
  it.each(sets.map((s) => [s.join(' '), s]))('matches %s exactly when one of its globs matches', (_name, globs) => {
    const match = globMatcher(globs as string[]);
    for (const path of paths) expect([path, match(path)]).toEqual([path, (globs as string[]).some((g) => picomatch.isMatch(path, g, { dot: true }))]);
  });
  it('gives the same matcher for the same globs, whatever the array', () => {
    expect(globMatcher(['a/**', 'b/**'])).toBe(globMatcher(['a/**', 'b/**']));
  });
});
