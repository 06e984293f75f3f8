import { describe, expect, it } from 'vitest';
import { detectPackageManager, detectTestCommands, detectTestLayout, generatedFiles, mochaTests, unsuffixedTests, type ProjectFiles } from '../../src/init/detect.js';
import { mapTestPaths } from '../../src/testmap/mapping.js';

/** A project from a file table; `contents` gives the text of the files that are read. */
function project(files: string[], contents: Record<string, string> = {}): ProjectFiles {
  return { files, read: (path) => contents[path] ?? (files.includes(path) ? '' : null) };
}
const pkg = (json: object) => ({ 'package.json': JSON.stringify(json) });

describe('detectPackageManager', () => {
  it.each([
    [['package.json', 'package-lock.json'], {}, 'npm'],
    [['package.json', 'pnpm-lock.yaml'], {}, 'pnpm'],
    [['package.json', 'yarn.lock'], {}, 'yarn'],
    [['package.json', 'bun.lockb'], {}, 'bun'],
    [['package.json', 'bun.lock'], {}, 'bun'],
    [['package.json', 'yarn.lock', 'package-lock.json'], {}, 'npm'],
    [['package.json'], {}, 'npm'],
    [['package.json'], pkg({ packageManager: 'pnpm@9.1.0' }), 'pnpm'],
    [['package.json'], { 'package.json': '{ not json' }, 'npm'],
    [['go.mod'], {}, null],
    [[], {}, null],
  ] as const)('%j %j → %s', (files, contents, expected) => {
    expect(detectPackageManager(project([...files], contents))?.pm ?? null).toBe(expected);
  });
});

describe('detectTestCommands', () => {
  const withTest = pkg({ scripts: { test: 'vitest run' } });
  it.each([
    [['package.json', 'package-lock.json'], withTest, ['npm test']],
    [['package.json', 'pnpm-lock.yaml'], withTest, ['pnpm test']],
    [['package.json', 'yarn.lock'], withTest, ['yarn test']],
    // `bun test` is bun's runner, not the script.
    [['package.json', 'bun.lockb'], withTest, ['bun run test']],
    [['package.json'], pkg({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }), []],
    [['package.json'], pkg({ scripts: { build: 'tsc' } }), []],
    [['pytest.ini'], {}, ['pytest']],
    [['pyproject.toml'], { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n' }, ['pytest']],
    [['pyproject.toml'], { 'pyproject.toml': '[project]\nname = "x"\n' }, []],
    [['conftest.py'], {}, ['pytest']],
    [['tests/test_cart.py', 'cart.py'], {}, ['pytest']],
    [['go.mod', 'main.go'], {}, ['go test ./...']],
    [['package.json', 'package-lock.json', 'go.mod'], withTest, ['npm test', 'go test ./...']],
    [['README.md'], {}, []],
  ] as const)('%j → %j', (files, contents, expected) => {
    expect(detectTestCommands(project([...files], contents)).map((c) => c.command)).toEqual(expected);
  });
});

describe('detectTestLayout', () => {
  // [files, what it recognised, a source file, the test paths its rules then expect]
  it.each([
    [['src/cart/price.ts', 'src/cart/price.test.ts'], ['sibling *.test.ts'], 'src/cart/price.ts', ['src/cart/price.test.ts']],
    [['src/cart/price.ts', 'src/cart/price.spec.ts'], ['sibling *.spec.ts'], 'src/cart/price.ts', ['src/cart/price.spec.ts']],
    [['src/cart/price.ts', 'src/cart/__tests__/price.test.ts'], ['__tests__/ folders'], 'src/cart/price.ts', ['src/cart/__tests__/price.test.ts']],
    [['src/cart/price.ts', 'src/cart/__tests__/price.ts'], ['__tests__/ folders'], 'src/cart/price.ts', ['src/cart/__tests__/price.ts']],
    [['src/cart/price.ts', 'test/cart/price.test.ts'], ['mirrored test/ tree'], 'src/cart/price.ts', ['test/cart/price.test.ts']],
    [['lib/price.js', 'tests/price.test.js'], ['mirrored tests/ tree'], 'lib/price.js', ['tests/price.test.js']],
    [['src/App.tsx', 'src/App.test.tsx'], ['sibling *.test.ts'], 'src/App.tsx', ['src/App.test.tsx']],
    [['src/price.ts'], [], 'src/price.ts', ['test/price.test.ts', 'src/price.test.ts']],
    [['shop/cart.py', 'tests/test_cart.py'], ['Python tests/test_*.py'], 'shop/cart.py', ['tests/test_cart.py', 'tests/shop/test_cart.py']],
    [['src/shop/cart.py', 'tests/test_cart.py'], ['Python tests/test_*.py'], 'src/shop/cart.py', ['tests/test_cart.py', 'tests/shop/test_cart.py']],
    [['go.mod', 'pkg/cart/price.go', 'pkg/cart/price_test.go'], ['Go *_test.go'], 'pkg/cart/price.go', ['pkg/cart/price_test.go']],
    // pallets' layout (itsdangerous, click): a test folder per package, named test_<package>; its template first.
    [
      ['src/itsdangerous/signer.py', 'src/itsdangerous/exc.py', 'tests/test_itsdangerous/test_signer.py'],
      ['Python tests/test_<package>/test_*.py'],
      'src/itsdangerous/exc.py',
      ['tests/test_itsdangerous/test_exc.py', 'tests/test_exc.py', 'tests/itsdangerous/test_exc.py'],
    ],
  ] as const)('%j → %j', (files, found, source, expected) => {
    const layout = detectTestLayout(project([...files]));
    expect(layout.found).toEqual(found);
    const mapped = layout.rules.map((r) => mapTestPaths(source, r)).find((m) => m !== null);
    expect(mapped).toEqual(expected);
  });

  it('never treats a test file as a source', () => {
    const layout = detectTestLayout(project(['src/a.ts', 'src/a.test.ts', 'src/__tests__/b.ts', 'src/types.d.ts']));
    for (const path of ['src/a.test.ts', 'src/__tests__/b.ts', 'src/types.d.ts']) {
      expect(layout.rules.map((r) => mapTestPaths(path, r)).every((m) => m === null), path).toBe(true);
    }
  });

  it('ignores node_modules and vendored files', () => {
    expect(detectTestLayout(project(['node_modules/x/a.test.js', 'vendor/y/z_test.go'])).rules).toEqual([]);
  });

  it('writes one rule per language in a polyglot repository', () => {
    const layout = detectTestLayout(project(['src/a.ts', 'src/a.test.ts', 'go.mod', 'cmd/x.go', 'cmd/x_test.go']));
    expect(layout.rules.map((r) => r.source)).toEqual(['src/**/*.ts', '**/*.go']);
  });
});

describe('generatedFiles', () => {
  it('lists the lockfiles present, for review.ignore', () => {
    // npm, yarn 1 and pnpm lockfiles are reviewed package by package, not ignored.
    expect(generatedFiles(project(['package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'go.sum', 'src/a.ts']))).toEqual(['go.sum']);
  });
});

describe('unsuffixedTests', () => {
  it.each([
    ['an ava layout (test/<name>.ts)', ['source/core/Ky.ts', 'test/retry.ts', 'test/hooks.ts', 'test/helpers/create-server.ts'], ['test/retry.ts', 'test/hooks.ts']],
    ['suffixed tests', ['src/a.ts', 'test/a.test.ts'], []],
    ['declarations and other files', ['test/types.d.ts', 'test/fixture.json', 'tests/run.mjs'], ['tests/run.mjs']],
    ['no test folder', ['src/a.ts'], []],
  ])('%s', (_name, files, expected) => expect(unsuffixedTests(project(files))).toEqual(expected));
});

describe('mochaTests', () => {
  // An express-like layout: tests named after what they test, under a flat test/.
  const FLAT = ['lib/application.js', 'lib/request.js', 'test/app.js', 'test/req.query.js', 'test/support/env.js', 'test/acceptance/auth.js', 'test/fixtures/x.txt', 'index.js'];
  const mocha = (test: string, files = FLAT, extra: Record<string, string> = {}) => mochaTests(project(['package.json', ...files], { ...pkg({ scripts: { test } }), ...extra }));

  it.each([
    ['no spec: mocha runs ./test/*.{js,cjs,mjs}', 'mocha', ['test/*.{js,cjs,mjs}'], ['test/app.js', 'test/req.query.js']],
    [
      'folders after options that take values',
      'mocha --require test/support/env --reporter spec --check-leaks test/ test/acceptance/',
      ['test/*.{js,cjs,mjs}', 'test/acceptance/*.{js,cjs,mjs}'],
      ['test/app.js', 'test/req.query.js', 'test/acceptance/auth.js'],
    ],
    ['--recursive', 'mocha --recursive', ['test/**/*.{js,cjs,mjs}'], ['test/app.js', 'test/req.query.js', 'test/support/env.js', 'test/acceptance/auth.js']],
    ['a quoted glob, through nyc', "nyc --reporter=lcov mocha 'test/acceptance/**/*.js'", ['test/acceptance/**/*.js'], ['test/acceptance/auth.js']],
    ['--timeout=5000 and --spec', 'mocha --timeout=5000 --spec test/acceptance', ['test/acceptance/*.{js,cjs,mjs}'], ['test/acceptance/auth.js']],
    ['followed by another command', 'mocha test && eslint .', ['test/*.{js,cjs,mjs}'], ['test/app.js', 'test/req.query.js']],
    ['_mocha', 'istanbul cover _mocha -- test/acceptance', ['test/acceptance/*.{js,cjs,mjs}'], ['test/acceptance/auth.js']],
  ])('%s', (_name, script, globs, files) => {
    expect(mocha(script)).toMatchObject({ globs, files, because: 'mocha in package.json scripts.test' });
  });

  it('adds the extensions it is given', () => {
    expect(mocha('mocha --extension ts', ['src/a.ts', 'test/a.ts'])?.globs).toEqual(['test/*.{js,cjs,mjs,ts}']);
  });

  it("reads the spec from mocha's configuration file when the script names none", () => {
    const found = mocha('mocha', [...FLAT, '.mocharc.yml'], { '.mocharc.yml': 'spec: test/acceptance\nrecursive: true\n' });
    expect(found?.globs).toEqual(['test/acceptance/**/*.{js,cjs,mjs}']);
    expect(found?.because).toBe('mocha in package.json scripts.test and .mocharc.yml');
  });

  it('says nothing it cannot know: a JavaScript configuration file, another runner, no test files', () => {
    expect(mocha('mocha', [...FLAT, '.mocharc.js'])).toBeNull();
    expect(mocha('mochawesome-merge && vitest run')).toBeNull();
    expect(mocha('mocha', ['lib/a.js'])).toBeNull();
    expect(mochaTests(project(['test/a.js']))).toBeNull();
  });

  it('writes no per-file rule when the tests are not named after the sources, and says why', () => {
    const layout = detectTestLayout(project(['package.json', ...FLAT], pkg({ scripts: { test: 'mocha test/ test/acceptance/' } })));
    expect(layout.rules).toEqual([]);
    expect(layout.found).toEqual(['mocha test/*.{js,cjs,mjs}, test/acceptance/*.{js,cjs,mjs} (3 files)']);
    expect(layout.unnamed).toBe('0 of the 2 source files under lib/**/*.js have a test file of the same name');
    expect(layout.runner?.files).toEqual(['test/app.js', 'test/req.query.js', 'test/acceptance/auth.js']);
  });

  it('writes the rule when most sources have a test of their name', () => {
    const files = ['package.json', 'lib/cart.js', 'lib/price.js', 'lib/tax.js', 'test/cart.js', 'test/price.js'];
    const layout = detectTestLayout(project(files, pkg({ scripts: { test: 'mocha' } })));
    expect(layout.unnamed).toBeUndefined();
    expect(layout.rules).toHaveLength(1);
    expect(mapTestPaths('lib/price.js', layout.rules[0] as never)).toEqual(['test/price.js']);
    // The tests themselves are never sources.
    expect(layout.rules.map((r) => mapTestPaths('test/cart.js', r)).every((m) => m === null)).toBe(true);
  });
});
