// Glob matching for configuration globs (review.ignore, tests.files, tests.rules). Each set of
// globs is compiled once into regular expressions with picomatch and tested directly: `check`
// matches every path of the repository against tests.files, and picomatch's per-call matcher
// (path normalisation, result objects) is several times slower than a plain RegExp test.
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

const compiled = new Map<string, PathMatcher>();
// The same array (a configuration's) is asked for once per path of the repository: found by
// identity first, without joining its globs into a key each time.
const byArray = new WeakMap<readonly string[], PathMatcher>();

export function globMatcher(globs: readonly string[]): PathMatcher {
  let matcher = byArray.get(globs);
  if (matcher) return matcher;
  const key = globs.join('\0');
  matcher = compiled.get(key);
  if (!matcher) {
    matcher = compile(globs.map((g) => picomatch.makeRe(g, { dot: true })));
    compiled.set(key, matcher);
  }
  byArray.set(globs, matcher);
  return matcher;
}

/**
 * Each of picomatch's expressions is anchored (`^…$`), so one alternation of them matches exactly
 * when one of them does, in one call instead of one per glob. Expressions with back-references or
 * named groups (whose numbering an alternation would change) are tested one by one.
 */
function compile(res: readonly RegExp[]): PathMatcher {
  if (res.length === 0) return () => false;
  const [first] = res as [RegExp];
  if (res.length === 1) return (path) => first.test(path);
  const plain = res.every((re) => re.flags === first.flags && !/\\[1-9k]|\(\?<[^=!]/.test(re.source));
  if (!plain) return (path) => res.some((re) => re.test(path));
  const one = new RegExp(res.map((re) => `(?:${re.source})`).join('|'), first.flags);
  return (path) => one.test(path);
}
