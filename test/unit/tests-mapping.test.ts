import { describe, expect, it } from 'vitest';
import { configSchema, type TestRule } from '../../src/config/schema.js';
import { isTestFile, mapTestPaths } from '../../src/testmap/mapping.js';

const DEFAULT: TestRule = { source: 'src/**/*.ts', exclude: ['src/**/*.d.ts'], tests: ['test/{dir}/{name}.test.ts', 'src/{dir}/{name}.test.ts'] };
const rule = (source: string, tests: string[], exclude: string[] = []): TestRule => ({ source, exclude, tests });

describe('mapTestPaths', () => {
  it.each([
    // [source path, rule, expected]
    ['src/cart/price.ts', DEFAULT, ['test/cart/price.test.ts', 'src/cart/price.test.ts']],
    ['src/price.ts', DEFAULT, ['test/price.test.ts', 'src/price.test.ts']],
    ['src/a/b/c.ts', DEFAULT, ['test/a/b/c.test.ts', 'src/a/b/c.test.ts']],
    ['src/types.d.ts', DEFAULT, null],
    ['lib/price.ts', DEFAULT, null],
    ['src/price.js', DEFAULT, null],
    ['src/.hidden/x.ts', DEFAULT, ['test/.hidden/x.test.ts', 'src/.hidden/x.test.ts']],
    ['src/cart/price.ts', rule('src/**/*.ts', ['{dir}/__tests__/{name}.{ext}']), ['cart/__tests__/price.ts']],
    ['src/price.ts', rule('src/**/*.ts', ['{dir}/__tests__/{name}.{ext}']), ['__tests__/price.ts']],
    ['price.py', rule('*.py', ['tests/{dir}/test_{name}.py']), ['tests/test_price.py']],
    ['pkg/cart/price.go', rule('**/*.go', ['{dir}/{name}_test.go'], ['**/*_test.go']), ['pkg/cart/price_test.go']],
    ['pkg/cart/price_test.go', rule('**/*.go', ['{dir}/{name}_test.go'], ['**/*_test.go']), null],
    ['packages/a/src/x.ts', rule('packages/*/src/**/*.ts', ['packages/{dir}/x.test.ts']), ['packages/a/src/x.test.ts']],
    ['src/cart/price.ts', rule('./src/**/*.ts', ['test/{dir}/{name}.test.ts']), ['test/cart/price.test.ts']],
    ['src/x.ts', rule('src/*.ts', ['test/{name}.test.ts', 'test/{dir}{name}.test.ts']), ['test/x.test.ts']],
    ['src/cart/Makefile', rule('src/**', ['test/{dir}/{name}.test']), ['test/cart/Makefile.test']],
    ['src/cart/price.test.ts', rule('src/**', ['{dir}/{name}_{ext}']), ['cart/price.test_ts']],
  ] as const)('%s under %j → %j', (path, r, expected) => {
    expect(mapTestPaths(path, r as TestRule)).toEqual(expected);
  });
});

describe('isTestFile', () => {
  const config = configSchema.parse({});
  it.each([
    ['test/cart/price.test.ts', true],
    ['src/cart/price.spec.tsx', true],
    ['src/__tests__/price.ts', true],
    ['.config/x.test.mjs', true],
    ['tests/test_price.py', true],
    ['price_test.py', true],
    ['pkg/price_test.go', true],
    ['src/cart/price.ts', false],
    ['test/helpers/repo.ts', false],
  ])('%s → %s', (path, expected) => expect(isTestFile(path, config)).toBe(expected));

  it('follows tests.files', () => {
    const config = configSchema.parse({ tests: { files: ['checks/**'] } });
    expect(isTestFile('checks/a.ts', config)).toBe(true);
    expect(isTestFile('test/a.test.ts', config)).toBe(false);
  });
});
