// After init guesses `tests.rules` from the layout, which of the project's files does the guess
// get wrong? Sources with no mapped test file while test files map to no source usually mean the
// tests are named differently (src/utils.ts tested by test/utilities.test.ts). init lists them and
// suggests explicit rules: a test that imports an unmapped source first, then one named like it.
// It never makes a guess the silent default. Pure (the file reader is passed in).
import { posix } from 'node:path';
import type { TestRule } from '../config/schema.js';
import { mapTestPaths } from '../testmap/mapping.js';

// A script under __tests__/ is a test (jest runs them all); its snapshots and fixtures are not.
const TEST_FILE = /(\.(test|spec)\.[cm]?[jt]sx?$)|((^|\/)__tests__\/(?!(.*\/)?__snapshots__\/).*\.[cm]?[jt]sx?$)|((^|\/)test_[^/]*\.py$)|(_test\.go$)/;
// Files that mark a package of its own: in a workspace, a test in another package never tests this source.
const PACKAGE_FILE = /(^|\/)(package\.json|go\.mod|pyproject\.toml|Cargo\.toml)$/;
const IGNORED_DIR = /(^|\/)(node_modules|vendor|dist|build|coverage|\.venv|venv)\//;

export interface Unmapped {
  /** Sources a rule covers whose mapped test files do not exist. */
  readonly sources: string[];
  /** Test files no source maps to. */
  readonly orphanTests: string[];
  /** An unmapped source paired with an orphan test that imports it, or whose name starts like its own. */
  readonly suggestions: { source: string; test: string }[];
}

const stem = (path: string) => posix.basename(path).replace(/\.(test|spec)\./, '.').replace(/^test_/, '').replace(/_test\.go$/, '.go').replace(/\.[^.]+$/, '').toLowerCase();

// `from '…'`, `import '…'`, `import('…')`, `require('…')` with a relative specifier.
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const SCRIPT = /\.[cm]?[jt]sx?$/;

/** The files a test imports by relative path, resolved as TypeScript and Node resolve them. */
function importedFiles(test: string, text: string, present: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RELATIVE_IMPORT)) {
    const target = posix.normalize(posix.join(posix.dirname(test), m[1] as string));
    const stemmed = target.replace(/\.[cm]?js$/, '');
    const candidates = [target, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].flatMap((e) => [`${stemmed}${e}`, `${target}/index${e}`])];
    const found = candidates.find((c) => present.has(c));
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

export function findUnmapped(files: readonly string[], rules: readonly TestRule[], read?: (path: string) => string | null): Unmapped {
  const present = new Set(files);
  const kept = files.filter((f) => !IGNORED_DIR.test(f));
  const tests = kept.filter((f) => TEST_FILE.test(f));
  const mapped = new Set<string>();
  const sources: string[] = [];
  for (const file of kept) {
    if (TEST_FILE.test(file)) continue;
    const expected = rules.map((r) => mapTestPaths(file, r)).filter((p): p is string[] => p !== null);
    if (expected.length === 0) continue;
    const hits = expected.flat().filter((p) => present.has(p));
    for (const h of hits) mapped.add(h);
    if (hits.length === 0) sources.push(file);
  }
  const orphanTests = tests.filter((t) => !mapped.has(t));
  const roots = kept.filter((f) => PACKAGE_FILE.test(f)).map((f) => f.slice(0, f.lastIndexOf('/') + 1)).sort((a, b) => b.length - a.length);
  const packageOf = (path: string) => roots.find((r) => path.startsWith(r)) ?? '';
  const suggestions: { source: string; test: string }[] = [];
  const taken = new Set<string>();
  const paired = new Set<string>();
  if (read) {
    // A test that imports exactly one unmapped source, which no other test imports, is its test,
    // whatever the names say. (An entry point every test imports, src/index.ts, is nobody's.)
    const unmapped = new Set(sources);
    const imports = orphanTests.filter((t) => SCRIPT.test(t)).map((test) => {
      const text = read(test);
      return { test, imported: text === null ? [] : importedFiles(test, text, present).filter((f) => unmapped.has(f)) };
    });
    const importers = new Map<string, number>();
    for (const { imported } of imports) for (const f of imported) importers.set(f, (importers.get(f) ?? 0) + 1);
    for (const { test, imported } of imports) {
      const source = imported[0];
      if (imported.length !== 1 || source === undefined || importers.get(source) !== 1) continue;
      taken.add(test);
      paired.add(source);
      suggestions.push({ source, test });
    }
  }
  for (const source of sources) {
    if (paired.has(source)) continue;
    const s = stem(source);
    if (s.length < 3) continue;
    const home = packageOf(source);
    const test = orphanTests.find((t) => !taken.has(t) && packageOf(t) === home && (stem(t).startsWith(s.slice(0, 4)) || s.startsWith(stem(t).slice(0, 4))));
    if (test) {
      taken.add(test);
      suggestions.push({ source, test });
    }
  }
  return { sources, orphanTests, suggestions };
}
