// Glob matching for configuration globs (review.ignore, tests.files, tests.rules). Each set of
// globs is compiled once into regular expressions with picomatch and tested directly: `check`
// matches every path of the repository against tests.files, and picomatch's per-call matcher
// (path normalisation, result objects) is several times slower than a plain RegExp test.
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

const compiled = new Map<string, PathMatcher>();

export function globMatcher(globs: readonly string[]): PathMatcher {
  const key = globs.join('\0');
  let matcher = compiled.get(key);
  if (!matcher) {
    const res = globs.map((g) => picomatch.makeRe(g, { dot: true }));
    matcher = res.length === 0 ? () => false : (path) => res.some((re) => re.test(path));
    compiled.set(key, matcher);
  }
  return matcher;
}
