// Which test files a source file needs, from the `tests.rules` of the configuration, and which
// files are tests at all. Paths are git paths: relative, with forward slashes.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { globMatcher } from '../glob.js';
import type { Config, TestRule } from '../config/schema.js';
import { effectiveRules } from './presets.js';

// Compiling a glob costs far more than matching it; globMatcher compiles each set once.
const ruleBases = new WeakMap<TestRule, string>();

const matcherFor = globMatcher;

/** The static start of the rule's source glob (`src/**\/*.ts` → `src`), from picomatch's own scanner. */
function baseOf(rule: TestRule): string {
  let base = ruleBases.get(rule);
  if (base === undefined) {
    base = picomatch.scan(rule.source).base.replace(/^\.\//, '').replace(/\/+$/, '');
    ruleBases.set(rule, base);
  }
  return base;
}

/**
 * The test paths the rule expects for this source file, or null when the rule does not apply
 * (its `source` does not match, or an `exclude` does). `{dir}` is the folder below the glob's
 * static base, `{name}` the file name without its last extension, `{ext}` that extension.
 */
export function mapTestPaths(sourcePath: string, rule: TestRule): string[] | null {
  if (!matcherFor([rule.source])(sourcePath) || matcherFor(rule.exclude)(sourcePath)) return null;
  const base = baseOf(rule);
  const folder = posix.dirname(sourcePath);
  let dir = folder === '.' ? '' : folder;
  if (base !== '' && (dir === base || dir.startsWith(`${base}/`))) dir = dir.slice(base.length + 1);
  const ext = posix.extname(sourcePath);
  const name = posix.basename(sourcePath, ext);
  const values: Record<string, string> = { dir, name, ext: ext.replace(/^\./, '') };
  const out: string[] = [];
  for (const template of rule.tests) {
    const filled = template.replace(/\{(dir|name|ext)\}/g, (_m, key: string) => values[key] ?? '');
    const path = normalise(filled, template.startsWith('/'));
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

// An empty {dir} leaves `test//price.test.ts` or `/price.test.ts`; both mean `test/price.test.ts`
// and `price.test.ts` relative to the repository root.
function normalise(path: string, absolute: boolean): string {
  const n = posix.normalize(path).replace(/^(\.\/)+/, '');
  return absolute ? n : n.replace(/^\/+/, '');
}

/** True when the path is a test file by `tests.files`. Test files are never sources. */
export function isTestFile(path: string, config: Config): boolean {
  return matcherFor(config.tests.files)(path);
}

export interface SourceMapping {
  readonly rule: TestRule;
  /** The test paths the rule accepts, in the rule's order (the first is the one to suggest). */
  readonly expected: readonly string[];
  /** exists: one expected file must exist; changed: one must also change in this change. */
  readonly when: 'exists' | 'changed';
}

/** How a source file maps to its tests: the first rule (configured, then preset) that applies. */
export function mapSource(sourcePath: string, config: Config): SourceMapping | null {
  for (const rule of effectiveRules(config.tests)) {
    const expected = mapTestPaths(sourcePath, rule);
    if (expected) return { rule, expected, when: rule.when ?? 'exists' };
  }
  return null;
}
