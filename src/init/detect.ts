// What `reviewgate init` works out about a project: its package manager, the command that runs
// its tests, and where its tests live (to write matching `tests.rules`). Pure: it reads a list of
// repository paths (git paths, forward slashes) and a file reader, so every case is a table row.
import { parse as parseYaml } from 'yaml';
import type { TestRule } from '../config/schema.js';
import { globMatcher } from '../glob.js';
import { mapTestPaths } from '../testmap/mapping.js';

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
  /** Test files the default `tests.files` does not see, and who runs them (mocha's flat test/). */
  readonly runner?: RunnerTests;
  /** Set when the runner's tests are not named after sources: why no per-file rule was written. */
  readonly unnamed?: string;
}

export interface RunnerTests {
  /** Globs for `tests.files`, beside the defaults. */
  readonly globs: string[];
  /** The files they match. */
  readonly files: string[];
  /** Why: "mocha in package.json scripts.test". */
  readonly because: string;
  /** `{name}` templates for a rule, when the tests are named after sources. */
  readonly templates: string[];
}

// mocha's options that take a value (`mocha --help`, mocha 10/11); any other `-x` is a flag.
const MOCHA_VALUE_OPTIONS = new Set([
  '-r', '--require', '-R', '--reporter', '-O', '--reporter-option', '--reporter-options', '-t', '--timeout', '--timeouts',
  '-s', '--slow', '-u', '--ui', '-g', '--grep', '-f', '--fgrep', '--file', '--extension', '--config', '--package',
  '--retries', '--ignore', '--exclude', '-j', '--jobs', '-n', '--node-option', '--global', '--globals', '--watch-files',
  '--watch-ignore', '--spec',
]);
const GLOB_CHARS = /[*?{}[\]]/;

/** What mocha's configuration file (or package.json's "mocha") says; undefined when it cannot be read. */
function mochaConfig(project: ProjectFiles, pkg: Record<string, unknown> | null): { spec: string[]; recursive: boolean; extension: string[]; from: string | null } | undefined {
  const asList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const from = (raw: unknown, name: string) => {
    const c = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    return { spec: asList(c.spec), recursive: c.recursive === true, extension: asList(c.extension), from: name };
  };
  for (const name of ['.mocharc.js', '.mocharc.cjs', '.mocharc.mjs', '.mocharc.jsonc']) if (project.files.includes(name)) return undefined;
  for (const name of ['.mocharc.json', '.mocharc.yml', '.mocharc.yaml']) {
    const text = project.files.includes(name) ? project.read(name) : null;
    if (text === null) continue;
    try {
      return from(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text), name);
    } catch {
      return undefined;
    }
  }
  if (pkg && pkg.mocha !== undefined) return from(pkg.mocha, 'package.json "mocha"');
  return { spec: [], recursive: false, extension: [], from: null };
}

/**
 * The test files mocha runs, read from `scripts.test` (and mocha's configuration file): mocha runs
 * `./test/*.{js,cjs,mjs}` unless told otherwise, so its tests are often named after what they test
 * (`test/app.router.js`) with no `.test.` in the name. null when the project does not run mocha
 * or its spec cannot be read (a JavaScript configuration file).
 */
export function mochaTests(project: ProjectFiles): RunnerTests | null {
  const pkg = packageJson(project);
  const script = (pkg?.scripts as Record<string, unknown> | undefined)?.test;
  if (typeof script !== 'string') return null;
  const m = /(?:^|[\s;&|(/])_?mocha(?=\s|$)([^;&|)]*)/.exec(script);
  if (!m) return null;
  const config = mochaConfig(project, pkg);
  if (config === undefined) return null;
  const tokens = (m[1] ?? '').trim().split(/\s+/).filter(Boolean).map((t) => t.replace(/^(['"])(.*)\1$/, '$2'));
  const specs: string[] = [];
  let recursive = config.recursive;
  const extensions = ['js', 'cjs', 'mjs', ...config.extension.map((e) => e.replace(/^\./, ''))];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const [option, inline] = t.startsWith('--') && t.includes('=') ? [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] : [t, undefined];
    if (option === '--recursive') recursive = true;
    else if (MOCHA_VALUE_OPTIONS.has(option)) {
      const value = inline ?? tokens[++i];
      if (value === undefined) continue;
      if (option === '--extension') extensions.push(value.replace(/^\./, ''));
      if (option === '--spec') specs.push(value);
    } else if (!t.startsWith('-')) specs.push(t);
  }
  if (specs.length === 0) specs.push(...(config.spec.length > 0 ? config.spec : ['./test']));
  const exts = [...new Set(extensions)];
  const ext = exts.length === 1 ? (exts[0] as string) : `{${exts.join(',')}}`;
  const globs: string[] = [];
  const templates: string[] = [];
  for (const spec of specs) {
    const s = spec.replace(/^\.\//, '').replace(/\/+$/, '');
    if (s === '' || s.startsWith('../') || s.startsWith('/')) continue;
    if (GLOB_CHARS.test(s) || project.files.includes(s)) globs.push(s);
    else if (project.files.some((f) => f.startsWith(`${s}/`))) {
      globs.push(recursive ? `${s}/**/*.${ext}` : `${s}/*.${ext}`);
      templates.push(recursive ? `${s}/{dir}/{name}.{ext}` : `${s}/{name}.{ext}`);
    }
  }
  if (globs.length === 0) return null;
  const isTest = globMatcher(globs);
  const files = project.files.filter((f) => !IGNORED_DIR.test(f) && isTest(f));
  if (files.length === 0) return null;
  const because = `mocha in package.json scripts.test${config.from ? ` and ${config.from}` : ''}`;
  return { globs, files, because, templates };
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
  // No *.test.* files, but mocha runs these: a rule only where they are named after the sources.
  const runner = js && js.found.length === 0 ? (mochaTests(project) ?? undefined) : undefined;
  let unnamed: string | undefined;
  if (js && runner) {
    const named = runnerRule(js, runner, files);
    found.push(`mocha ${runner.globs.join(', ')} (${runner.files.length} file${runner.files.length === 1 ? '' : 's'})`);
    if (named.rule) rules.push(named.rule);
    else unnamed = named.why;
  } else if (js) {
    rules.push(js.rule);
    found.push(...js.found);
  }
  const pyTests = files.filter((f) => /(^|\/)test_[^/]*\.py$/.test(f));
  if (pyTests.length > 0) {
    const srcLayout = files.some((f) => f.startsWith('src/') && f.endsWith('.py'));
    const rule: TestRule = {
      source: srcLayout ? 'src/**/*.py' : '**/*.py',
      exclude: ['tests/**', '**/test_*.py', '**/*_test.py', '**/conftest.py', '**/__init__.py', 'setup.py', 'docs/**'],
      tests: ['tests/test_{name}.py', 'tests/{dir}/test_{name}.py'],
    };
    // A folder of tests per package, itself named test_<package> (pallets' layout:
    // src/itsdangerous/signer.py → tests/test_itsdangerous/test_signer.py): added when it names a test that exists.
    const perPackage: TestRule = { ...rule, tests: ['tests/test_{dir}/test_{name}.py'] };
    const hits = namedAfter(files, perPackage, new Set(pyTests)).length > 0;
    // First, since the first is the one a fix suggests.
    rules.push(hits ? { ...rule, tests: [...perPackage.tests, ...rule.tests] } : rule);
    found.push(hits ? 'Python tests/test_<package>/test_*.py' : 'Python tests/test_*.py');
  }
  if (files.some((f) => f.endsWith('_test.go'))) {
    rules.push({ source: '**/*.go', exclude: ['**/*_test.go', 'vendor/**', 'testdata/**', '**/testdata/**'], tests: ['{dir}/{name}_test.go'] });
    found.push('Go *_test.go');
  }
  return { rules, found, ...(runner ? { runner } : {}), ...(unnamed ? { unnamed } : {}) };
}

/**
 * The rule for a runner's tests when they are named after the sources (at least half of the
 * sources the JS rule covers have one); otherwise no rule, and why — a rule most sources fail
 * would ask for a test file per source that the project's naming never gives.
 */
function runnerRule(js: JsLayout, runner: RunnerTests, files: readonly string[]): { rule?: TestRule; why: string } {
  const rule: TestRule = { source: js.rule.source, exclude: js.rule.exclude, tests: runner.templates };
  const tests = new Set(runner.files);
  const sources = files.filter((f) => !tests.has(f) && mapTestPaths(f, rule) !== null);
  const named = namedAfter(sources, rule, tests).length;
  if (runner.templates.length > 0 && named > 0 && named * 2 >= sources.length) return { rule, why: '' };
  return { why: `${named} of the ${sources.length} source files under ${js.rule.source} ha${named === 1 ? 's' : 've'} a test file of the same name` };
}

/** The sources the rule covers that have one of its test files among `tests`. */
function namedAfter(files: readonly string[], rule: TestRule, tests: ReadonlySet<string>): string[] {
  return files.filter((f) => (mapTestPaths(f, rule) ?? []).some((t) => tests.has(t)));
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
  if (base === '') exclude.push('test/**', 'tests/**', 'node_modules/**', '**/*.config.*');
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

