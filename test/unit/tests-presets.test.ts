import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { mapSource } from '../../src/testmap/mapping.js';
import { effectiveRules, presetRules } from '../../src/testmap/presets.js';

const config = (tests: Record<string, unknown>) => configSchema.parse({ tests });

describe('presets: the test paths a changed source file needs', () => {
  it.each([
    // [preset, source, first expected paths (prefix of the list) or null when excluded]
    ['vitest', 'src/cart/price.ts', ['src/cart/price.test.ts', 'src/cart/price.spec.ts', 'src/cart/__tests__/price.test.ts']],
    ['vitest', 'src/Cart.tsx', ['src/Cart.test.tsx', 'src/Cart.spec.tsx', 'src/__tests__/Cart.test.tsx']],
    ['vitest', 'lib/util.js', ['lib/util.test.js', 'lib/util.spec.js']],
    ['vitest', 'src/cart/index.ts', null],
    ['vitest', 'src/types.ts', null],
    ['vitest', 'src/api.d.ts', null],
    ['vitest', 'src/generated/client.ts', null],
    ['vitest', 'src/Button.stories.tsx', null],
    ['vitest', 'vite.config.ts', null],
    ['jest', 'src/a/b.jsx', ['src/a/b.test.jsx', 'src/a/b.spec.jsx', 'src/a/__tests__/b.test.jsx']],
    ['node-test', 'lib/cart/price.js', ['test/cart/price.test.js', 'lib/cart/price.test.js']],
    ['node-test', 'src/x.mjs', ['test/x.test.mjs', 'test/x.test.js', 'src/x.test.mjs']],
    ['mocha', 'lib/cart/price.js', ['test/cart/price.spec.js', 'test/cart/price.test.js']],
    ['pytest', 'src/shop/cart.py', ['tests/test_cart.py', 'tests/shop/test_cart.py', 'src/shop/test_cart.py']],
    ['pytest', 'shop/cart.py', ['tests/test_cart.py', 'tests/shop/test_cart.py', 'shop/test_cart.py']],
    ['pytest', 'cart.py', ['tests/test_cart.py', 'test_cart.py']],
    ['pytest', 'shop/__init__.py', null],
    ['pytest', 'tests/conftest.py', null],
    ['pytest', 'setup.py', null],
    ['go', 'cart/price.go', ['cart/price_test.go']],
    ['go', 'main.go', ['main_test.go']],
    ['go', 'api/v1/api.pb.go', null],
    ['go', 'vendor/x/y.go', null],
  ] as const)('%s: %s', (preset, source, expected) => {
    const m = mapSource(source, config({ preset }));
    if (expected === null) expect(m).toBeNull();
    else expect(m?.expected.slice(0, expected.length)).toEqual(expected);
  });

  it('tries configured rules before the preset, so they win for the files they match', () => {
    const c = config({ preset: 'vitest', rules: [{ source: 'src/legacy/**/*.ts', tests: ['test/legacy/{dir}/{name}.test.ts'], when: 'changed' }] });
    expect(mapSource('src/legacy/old.ts', c)).toMatchObject({ expected: ['test/legacy/old.test.ts'], when: 'changed' });
    expect(mapSource('src/new.ts', c)?.expected[0]).toBe('src/new.test.ts');
  });

  it('drops the built-in default rule when a preset is chosen (it would shadow the preset)', () => {
    const c = config({ preset: 'go' });
    expect(effectiveRules(c.tests)).toEqual(presetRules('go'));
    expect(effectiveRules(config({}).tests)).toEqual(config({}).tests.rules);
  });

  it('keeps when: exists as the default and reports when: changed', () => {
    expect(mapSource('src/a.ts', config({}))?.when).toBe('exists');
    expect(mapSource('src/a.ts', config({ rules: [{ source: 'src/**/*.ts', tests: ['test/{name}.test.ts'], when: 'changed' }] }))?.when).toBe('changed');
  });
});
