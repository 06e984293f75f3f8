// What `reviewgate init` works out about a project: its package manager, the command that runs
// its tests, and where its tests live (to write matching `tests.rules`). Pure: it reads a list of
// repository paths (git paths, forward slashes) and a file reader, so every case is a table row.
import type { TestRule } from '../config/schema.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface ProjectFiles {
  /** Paths relative to the repository root: tracked and untracked-but-not-ignored files. */
  readonly files: readonly string[];
  /** A file's text, or null when it is absent or unreadable. */
  read(path: string): string | null;
}

// Checked in this order, so a repository that holds two lockfiles gets the first.
const LOCKFILES: readonly (readonly [string, PackageManager])[] = [
  ['package-lock.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
];

export function detectPackageManager(project: ProjectFiles): { pm: PackageManager; lockfile: string | null } | null {
  const has = new Set(project.files);
  for (const [file, pm] of LOCKFILES) if (has.has(file)) return { pm, lockfile: file };
  if (!has.has('package.json')) return null;
  // No lockfile yet: corepack's "packageManager" field names the tool the project expects.
  const field = /^(npm|pnpm|yarn|bun)@/.exec(String(packageJson(project)?.packageManager ?? ''));
  return { pm: (field?.[1] as PackageManager | undefined) ?? 'npm', lockfile: null };
}

function packageJson(project: ProjectFiles): Record<string, unknown> | null {
  const text = project.read('package.json');
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// `bun test` is bun's own test runner, not the package.json script; the others run the script.
const TEST_SCRIPT: Record<PackageManager, string> = { npm: 'npm test', pnpm: 'pnpm test', yarn: 'yarn test', bun: 'bun run test' };

export interface DetectedCommand {
  readonly command: string;
  /** Why: shown by init and written as a comment. */
  readonly because: string;
}

/** The commands that run the project's tests; one per ecosystem found, in a stable order. */
export function detectTestCommands(project: ProjectFiles): DetectedCommand[] {
  const has = new Set(project.files);
  const out: DetectedCommand[] = [];
  const scripts = packageJson(project)?.scripts as Record<string, unknown> | undefined;
  const test = scripts?.test;
  // npm init's placeholder script only fails; it is not a test command.
  if (typeof test === 'string' && test.trim() !== '' && !/no test specified/.test(test)) {
    const pm = detectPackageManager(project)?.pm ?? 'npm';
    out.push({ command: TEST_SCRIPT[pm], because: 'package.json scripts.test' });
  }
  const pytestWhy = pytestReason(project, has);
  if (pytestWhy) out.push({ command: 'pytest', because: pytestWhy });
  if (has.has('go.mod')) out.push({ command: 'go test ./...', because: 'go.mod' });
  return out;
}

function pytestReason(project: ProjectFiles, has: Set<string>): string | null {
  if (has.has('pytest.ini')) return 'pytest.ini';
  if (has.has('pyproject.toml') && /^\[tool\.pytest(\.ini_options)?\]/m.test(project.read('pyproject.toml') ?? '')) return 'pyproject.toml [tool.pytest]';
  if (has.has('conftest.py')) return 'conftest.py';
  if (project.files.some((f) => /^tests\/(.*\/)?test_[^/]*\.py$/.test(f))) return 'tests/test_*.py';
  return null;
}

export interface DetectedLayout {
  readonly rules: TestRule[];
  /** What was recognised, for the user ("sibling *.test.ts", "Go *_test.go"). */
  readonly found: string[];
}

const JS_EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const JS_TEST = /\.(test|spec)\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const IGNORED_DIR = /(^|\/)(node_modules|vendor|dist|build|coverage|\.venv|venv)\//;

/** `tests.rules` that match how the project already lays out its tests. */
export function detectTestLayout(project: ProjectFiles): DetectedLayout {
  const files = project.files.filter((f) => !IGNORED_DIR.test(f));
  const rules: TestRule[] = [];
  const found: string[] = [];
  const js = jsLayout(files);
  if (js) {
    rules.push(js.rule);
    found.push(...js.found);
  }
  const pyTests = files.filter((f) => /(^|\/)test_[^/]*\.py$/.test(f));
  if (pyTests.length > 0) {
    const srcLayout = files.some((f) => f.startsWith('src/') && f.endsWith('.py'));
    rules.push({
      source: srcLayout ? 'src/**/*.py' : '**/*.py',
      exclude: ['tests/**', '**/test_*.py', '**/*_test.py', '**/conftest.py', '**/__init__.py', 'setup.py', 'docs/**'],
      tests: ['tests/test_{name}.py', 'tests/{dir}/test_{name}.py'],
    });
    found.push('Python tests/test_*.py');
  }
  if (files.some((f) => f.endsWith('_test.go'))) {
    rules.push({ source: '**/*.go', exclude: ['**/*_test.go', 'vendor/**', 'testdata/**', '**/testdata/**'], tests: ['{dir}/{name}_test.go'] });
    found.push('Go *_test.go');
  }
  return { rules, found };
}

interface JsLayout {
  readonly rule: TestRule;
  readonly found: string[];
}

function jsLayout(files: readonly string[]): JsLayout | null {
  const tests = files.filter((f) => JS_TEST.test(f) || (/(^|\/)__tests__\//.test(f) && JS_EXT.test(f)));
  const sources = files.filter((f) => JS_EXT.test(f) && !tests.includes(f) && !f.endsWith('.d.ts') && !/(^|\/)(test|tests)\//.test(f));
  if (tests.length === 0 && sources.length === 0) return null;

  // The language: TypeScript when any source is; the source root: src/ or lib/ when they hold sources.
  const ts = sources.some((f) => /\.(ts|tsx|mts|cts)$/.test(f)) || (sources.length === 0 && tests.some((f) => /\.tsx?$/.test(f)));
  const exts = ts ? (sources.some((f) => f.endsWith('.tsx')) ? '{ts,tsx}' : 'ts') : sources.some((f) => f.endsWith('.jsx')) ? '{js,jsx}' : 'js';
  const base = ['src', 'lib'].find((dir) => sources.some((f) => f.startsWith(`${dir}/`))) ?? '';
  const root = base === '' ? '' : `${base}/`;
  const suffix = tests.filter((f) => /\.spec\./.test(f)).length > tests.filter((f) => /\.test\./.test(f)).length ? 'spec' : 'test';

  const templates: string[] = [];
  const found: string[] = [];
  const mirrored = ['test', 'tests'].find((dir) => tests.some((f) => f.startsWith(`${dir}/`) && JS_TEST.test(f)));
  if (mirrored) {
    templates.push(`${mirrored}/{dir}/{name}.${suffix}.{ext}`);
    found.push(`mirrored ${mirrored}/ tree`);
  }
  if (tests.some((f) => /(^|\/)__tests__\//.test(f))) {
    // jest runs every file under __tests__, with or without the .test suffix.
    const suffixed = tests.some((f) => /(^|\/)__tests__\//.test(f) && JS_TEST.test(f));
    templates.push(`${root}{dir}/__tests__/{name}.${suffixed ? `${suffix}.` : ''}{ext}`);
    found.push('__tests__/ folders');
  }
  const siblings = tests.filter((f) => JS_TEST.test(f) && !/(^|\/)__tests__\//.test(f) && !/^(test|tests)\//.test(f));
  if (siblings.length > 0) {
    templates.push(`${root}{dir}/{name}.${suffix}.{ext}`);
    found.push(`sibling *.${suffix}.${ts ? 'ts' : 'js'}`);
  }
  if (templates.length === 0) {
    // No tests yet: the two usual places, as the built-in default does.
    templates.push(`test/{dir}/{name}.test.{ext}`, `${root}{dir}/{name}.test.{ext}`);
  }
  const glob = `${root}**/*.${exts}`;
  const exclude = [`${root}**/*.d.ts`, `${root}**/*.test.*`, `${root}**/*.spec.*`, `${root}**/__tests__/**`];
  if (base === '') exclude.push('test/**', 'tests/**', 'node_modules/**', '*.config.*');
  return { rule: { source: glob, exclude, tests: templates }, found };
}

/**
 * Script files directly under test/ or tests/ that are not named like tests (`*.test.*`,
 * `*.spec.*`): how ava, tap and node:test projects often lay theirs out. init cannot tell them
 * from helpers, so it names them instead of guessing a rule.
 */
export function unsuffixedTests(project: ProjectFiles): string[] {
  return project.files.filter((f) => /^(test|tests)\/[^/]+$/.test(f) && JS_EXT.test(f) && !JS_TEST.test(f) && !f.endsWith('.d.ts'));
}

/** Files whose diffs people do not read line by line: lockfiles the tools write. */
export function generatedFiles(project: ProjectFiles): string[] {
  const has = new Set(project.files);
  // npm, yarn 1 and pnpm lockfiles are not among them: they are reviewed package by package.
  const candidates = ['bun.lockb', 'bun.lock', 'go.sum', 'poetry.lock', 'uv.lock'];
  return candidates.filter((f) => has.has(f));
}

