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
    // One alternation of all the globs' expressions: one test per path instead of one per glob.
    const res = globs.map((g) => picomatch.makeRe(g, { dot: true }));
    const flags = new Set(res.map((re) => re.flags));
    const one = flags.size === 1 ? new RegExp(res.map((re) => `(?:${re.source})`).join('|'), res[0]?.flags) : null;
    matcher = res.length === 0 ? () => false : one ? (path) => one.test(path) : (path) => res.some((re) => re.test(path));
    compiled.set(key, matcher);
  }
  return matcher;
}
