import { describe, expect, it } from 'vitest';
import type { TestRule } from '../../src/config/schema.js';
import { findUnmapped } from '../../src/init/unmapped.js';

const SIBLING: TestRule[] = [{ source: '**/*.ts', exclude: ['**/*.test.*', '**/__tests__/**'], tests: ['{dir}/{name}.test.{ext}'] }];
const MIRRORED: TestRule[] = [{ source: 'src/**/*.ts', exclude: [], tests: ['test/{dir}/{name}.test.{ext}'] }];

describe('findUnmapped', () => {
  it('pairs a source with the test named like it', () => {
    const u = findUnmapped(['src/utils.ts', 'src/cart.ts', 'test/cart.test.ts', 'test/utilities.test.ts'], MIRRORED);
    expect(u).toEqual({ sources: ['src/utils.ts'], orphanTests: ['test/utilities.test.ts'], suggestions: [{ source: 'src/utils.ts', test: 'test/utilities.test.ts' }] });
  });

  it('never pairs a source with a test of another package of the workspace', () => {
    // changesets: packages/apply-release-plan/src/version-package.ts is not tested by the cli's version.test.ts.
    const files = [
      'package.json',
      'packages/apply-release-plan/package.json',
      'packages/apply-release-plan/src/version-package.ts',
      'packages/cli/package.json',
      'packages/cli/src/commands/version/index.ts',
      'packages/cli/src/commands/version/version.test.ts',
      'packages/cli/src/commands/version/versioning.ts',
    ];
    const u = findUnmapped(files, SIBLING);
    expect(u.orphanTests).toEqual(['packages/cli/src/commands/version/version.test.ts']);
    expect(u.suggestions).toEqual([{ source: 'packages/cli/src/commands/version/versioning.ts', test: 'packages/cli/src/commands/version/version.test.ts' }]);
  });

  it('counts the scripts under __tests__ as tests, not their snapshots or fixtures', () => {
    const files = ['src/a.ts', 'src/__tests__/e2e-utils.ts', 'src/__tests__/__snapshots__/e2e.test.ts.snap', 'src/__tests__/fixtures/data.json', 'src/__tests__/e2e.test.ts'];
    expect(findUnmapped(files, SIBLING).orphanTests).toEqual(['src/__tests__/e2e-utils.ts', 'src/__tests__/e2e.test.ts']);
  });

  it('pairs a test with the one unmapped source it imports, whatever their names', () => {
    const files = ['src/format.ts', 'src/cart.ts', 'src/vat.ts', 'src/money/index.ts', 'test/pretty-print.test.ts', 'test/totals.test.ts', 'test/carts.test.ts'];
    const text: Record<string, string> = {
      // ESM with the .js a TypeScript import names
      'test/pretty-print.test.ts': "import { describe } from 'vitest';\nimport { format } from '../src/format.js';\n",
      // a folder's index, by require
      'test/totals.test.ts': "const money = require('../src/money');\n",
      // two sources: the import says nothing, the names decide
      'test/carts.test.ts': "import '../src/cart';\nimport '../src/vat';\n",
    };
    const u = findUnmapped(files, MIRRORED, (p) => text[p] ?? null);
    expect(u.suggestions).toEqual([
      { source: 'src/format.ts', test: 'test/pretty-print.test.ts' },
      { source: 'src/money/index.ts', test: 'test/totals.test.ts' },
      { source: 'src/cart.ts', test: 'test/carts.test.ts' },
    ]);
  });

  it('pairs nothing by an entry point that every test imports', () => {
    // ufo: each test imports "../src"; src/index.ts is the entry, not the subject of one test.
    const files = ['src/index.ts', 'src/utils.ts', 'test/base.test.ts', 'test/join.test.ts'];
    const u = findUnmapped(files, MIRRORED, () => "import { joinURL } from '../src';\n");
    expect(u.suggestions).toEqual([]);
  });
});
