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
});
