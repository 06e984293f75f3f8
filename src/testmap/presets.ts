// Named test layouts (`tests.preset`): the rules a project following a runner's convention would
// otherwise write by hand. The configured `tests.rules` are tried first and the preset's after
// them; the first rule whose `source` matches (and no `exclude` does) decides. So configured rules
// add to a preset, and win for the files they match — a project can override one folder and keep
// the preset everywhere else.
import type { Config, TestRule } from '../config/schema.js';

export type PresetName = NonNullable<Config['tests']['preset']>;

// What never needs its own test file in a JS/TS project: declarations and type-only modules,
// generated code, barrels (`index.ts` is excluded by name: telling a re-export-only file from a real
// one would mean reading it, and `check` must not read sources), stories, mocks and fixtures.
const JS_EXCLUDE = [
  '**/*.d.{ts,mts,cts}',
  '**/types.{ts,mts,cts}',
  '**/*.types.{ts,mts,cts}',
  '**/index.{ts,tsx,js,jsx,mts,cts,mjs,cjs}',
  '**/*.{generated,gen}.*',
  '**/{generated,__generated__,__mocks__,__fixtures__,fixtures}/**',
  '**/*.stories.*',
  '**/*.config.*',
];
const JS_EXT = '{ts,tsx,js,jsx,mts,cts,mjs,cjs}';

/** One rule per source root, since `{dir}` is relative to the root (the glob's static base). */
function perRoot(roots: readonly string[], ext: string, exclude: readonly string[], tests: (root: string) => string[]): TestRule[] {
  return roots.map((root) => ({ source: `${root}/**/*.${ext}`, exclude: [...exclude], tests: tests(root) }));
}

const jsLike = (): TestRule[] =>
  perRoot(['src', 'lib', 'app'], JS_EXT, JS_EXCLUDE, (root) => [
    `${root}/{dir}/{name}.test.{ext}`,
    `${root}/{dir}/{name}.spec.{ext}`,
    `${root}/{dir}/__tests__/{name}.test.{ext}`,
    `${root}/{dir}/__tests__/{name}.spec.{ext}`,
    `${root}/{dir}/__tests__/{name}.{ext}`,
    'test/{dir}/{name}.test.{ext}',
    'test/{dir}/{name}.spec.{ext}',
  ]);

const PRESETS: Record<PresetName, () => TestRule[]> = {
  vitest: jsLike,
  jest: jsLike,
  'node-test': () =>
    perRoot(['src', 'lib'], '{js,mjs,cjs,ts,mts,cts}', JS_EXCLUDE, (root) => [
      'test/{dir}/{name}.test.{ext}',
      'test/{dir}/{name}.test.js',
      `${root}/{dir}/{name}.test.{ext}`,
    ]),
  mocha: () =>
    perRoot(['src', 'lib'], '{js,mjs,cjs,ts}', JS_EXCLUDE, () => [
      'test/{dir}/{name}.spec.{ext}',
      'test/{dir}/{name}.test.{ext}',
      'test/{dir}/{name}.spec.js',
      'test/{dir}/{name}.test.js',
    ]),
  pytest: () => {
    const exclude = [
      '**/__init__.py',
      '**/conftest.py',
      '{setup,noxfile,manage}.py',
      '**/{tests,test,docs,migrations,scripts,examples}/**',
      '**/*_pb2{,_grpc}.py',
      '**/_version.py',
    ];
    const tests = (sibling: string) => ['tests/test_{name}.py', 'tests/{dir}/test_{name}.py', `${sibling}test_{name}.py`];
    // The src layout first, so `{dir}` under it is the package path; a flat layout after it.
    return [
      { source: 'src/**/*.py', exclude, tests: tests('src/{dir}/') },
      { source: '**/*.py', exclude, tests: tests('{dir}/') },
    ];
  },
  go: () => [
    {
      source: '**/*.go',
      exclude: ['**/*_test.go', '**/{vendor,testdata}/**', '**/*.pb.go', '**/*_gen.go', '**/zz_generated*.go', '**/mock_*.go', '**/doc.go'],
      tests: ['{dir}/{name}_test.go'],
    },
  ],
};

const presetCache = new Map<PresetName, readonly TestRule[]>();

export function presetRules(name: PresetName): readonly TestRule[] {
  let rules = presetCache.get(name);
  if (!rules) {
    rules = PRESETS[name]();
    presetCache.set(name, rules);
  }
  return rules;
}

// The schema's default rule (`src/**/*.ts` → test/ or sibling). With a preset it would shadow the
// preset's richer rule for the same files, so it is dropped when it is exactly the default. (The
// parsed configuration cannot tell a default from the same rule written out by hand.)
const DEFAULT_RULES = JSON.stringify([
  {
    source: 'src/**/*.ts',
    exclude: ['src/**/*.d.ts', 'src/**/*.test.ts', 'src/**/*.spec.ts'],
    tests: ['test/{dir}/{name}.test.ts', 'src/{dir}/{name}.test.ts'],
  },
]);

const effective = new WeakMap<Config['tests'], readonly TestRule[]>();

/** The rules in the order they are tried: the configured ones, then the preset's. */
export function effectiveRules(tests: Config['tests']): readonly TestRule[] {
  let rules = effective.get(tests);
  if (rules) return rules;
  if (!tests.preset) rules = tests.rules;
  else {
    const own = JSON.stringify(tests.rules.map(({ source, exclude, tests: t }) => ({ source, exclude, tests: t }))) === DEFAULT_RULES && tests.rules.every((r) => r.when === undefined) ? [] : tests.rules;
    rules = [...own, ...presetRules(tests.preset)];
  }
  effective.set(tests, rules);
  return rules;
}
