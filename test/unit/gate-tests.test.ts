import { describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../src/config/schema.js';
import type { FileStatus } from '../../src/diff/model.js';
import { evaluateTests, isTestFile, type TestsGateInput } from '../../src/gates/tests.js';
import type { ChecklistItem } from '../../src/plan/parse.js';
import type { TestTitle } from '../../src/testmap/titles.js';

const PLAN = '.reviewgate/plans/feature--price.md';

function input(over: Partial<TestsGateInput> & { existing?: string[] } = {}): TestsGateInput {
  const existing = new Set(over.existing ?? []);
  return {
    config: configSchema.parse({}),
    changedFiles: [],
    fileExists: (p) => existing.has(p),
    checklist: null,
    titles: [],
    planPath: PLAN,
    ...over,
  };
}

const changed = (...entries: [string, FileStatus][]) => entries.map(([path, status]) => ({ path, status }));
const item = (text: string, line: number, state: ChecklistItem['state'] = 'open', reason: string | null = null): ChecklistItem => ({ file: PLAN, line, text, state, reason });
const title = (t: string, skipped = false, line = 3): TestTitle => ({ file: 'test/price.test.ts', line, title: t, parts: t.split(' > '), skipped, hasWildcard: false });

describe('evaluateTests: mapped test files', () => {
  it('passes when one of the mapped test files exists', () => {
    const r = evaluateTests(input({ changedFiles: changed(['src/cart/price.ts', 'modified']), existing: ['src/cart/price.test.ts'] }));
    expect(r).toMatchObject({ id: 'tests', ok: true, required: true, summary: '1 source file mapped, no plan checklist', findings: [] });
  });

  it('fails naming the file and the expected paths, with the first one as the fix', () => {
    const r = evaluateTests(input({ changedFiles: changed(['src/cart/price.ts', 'added'], ['src/total.ts', 'modified']), existing: ['test/total.test.ts'] }));
    expect(r.ok).toBe(false);
    expect(r.summary).toBe('1/2 source files mapped, no plan checklist');
    expect(r.findings).toEqual([
      {
        code: 'tests.missing_file',
        severity: 'error',
        message: 'no test file for src/cart/price.ts: expected test/cart/price.test.ts or src/cart/price.test.ts',
        file: 'src/cart/price.ts',
        fix: 'add test/cart/price.test.ts',
      },
    ]);
  });

  it.each([
    // [case, changed file, status, needs a test]
    ['an added source', 'src/a.ts', 'added', true],
    ['a renamed source', 'src/a.ts', 'renamed', true],
    ['a copied source', 'src/a.ts', 'copied', true],
    ['a deleted source', 'src/a.ts', 'deleted', false],
    ['a typechange', 'src/a.ts', 'typechange', false],
    ['a test file', 'src/a.test.ts', 'added', false],
    ['a declaration file', 'src/a.d.ts', 'added', false],
    ['a file no rule covers', 'README.md', 'modified', false],
    ['an evidence file', '.reviewgate/plans/x.ts', 'added', false],
  ] as const)('%s', (_case, path, status, needs) => {
    const r = evaluateTests(input({ changedFiles: changed([path, status]) }));
    expect(r.findings.map((f) => f.code)).toEqual(needs ? ['tests.missing_file'] : []);
  });

  it('lets the first applicable rule decide', () => {
    const config: Config = configSchema.parse({
      tests: {
        rules: [
          { source: 'src/cli/**/*.ts', tests: ['test/e2e/{name}.test.ts'] },
          { source: 'src/**/*.ts', tests: ['test/unit/{name}.test.ts'] },
        ],
      },
    });
    const r = evaluateTests(input({ config, changedFiles: changed(['src/cli/check.ts', 'modified']), existing: ['test/unit/check.test.ts'] }));
    expect(r.findings.map((f) => f.fix)).toEqual(['add test/e2e/check.test.ts']);
  });

  it('reports but does not require when tests.required is false', () => {
    const config = configSchema.parse({ tests: { required: false } });
    expect(evaluateTests(input({ config, changedFiles: changed(['src/a.ts', 'added']) }))).toMatchObject({ ok: false, required: false });
  });

  it('re-exports isTestFile', () => {
    expect(isTestFile('test/a.test.ts', configSchema.parse({}))).toBe(true);
  });
});

describe('evaluateTests: plan checklist', () => {
  it('passes when every open or checked item has a running test, and counts waivers as warnings', () => {
    const r = evaluateTests(
      input({
        checklist: [item('rounds half up for negative prices', 15), item('keeps currency when total is zero', 16, 'done'), item('handles 10k line carts', 17, 'waived', 'covered by load test elsewhere')],
        titles: [title('price > rounds half up for negative prices (#3)'), title('price > keeps currency when total is zero')],
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.summary).toBe('0 source files mapped, 2/2 checklist items matched, 1 waived');
    expect(r.findings).toEqual([
      { code: 'tests.waived', severity: 'warning', message: 'checklist item "handles 10k line carts" waived: covered by load test elsewhere', file: PLAN, line: 17 },
    ]);
  });

  it('fails an item without a test, naming the plan line and how to fix or waive it', () => {
    const r = evaluateTests(input({ checklist: [item('rounds half up', 15, 'done')], titles: [title('rounds half down')] }));
    expect(r.ok).toBe(false);
    expect(r.summary).toBe('0 source files mapped, 0/1 checklist items matched');
    expect(r.findings).toEqual([
      {
        code: 'tests.checklist_missing',
        severity: 'error',
        message: 'no test matches checklist item "rounds half up"',
        file: PLAN,
        line: 15,
        fix: `write a test titled "rounds half up" or waive it in ${PLAN} with \`- [~] rounds half up — <reason>\``,
      },
    ]);
  });

  it('says when only a skipped test matches', () => {
    const r = evaluateTests(input({ checklist: [item('rounds half up', 15)], titles: [title('rounds half up', true, 9)] }));
    expect(r.ok).toBe(false);
    expect(r.findings).toMatchObject([{ code: 'tests.checklist_skipped', line: 15, message: 'only a skipped test matches checklist item "rounds half up": test/price.test.ts:9 "rounds half up" does not run' }]);
    expect(r.findings[0]?.fix).toContain('un-skip the test at test/price.test.ts:9');
  });

  it('fails a waiver without a reason', () => {
    const r = evaluateTests(input({ checklist: [item('big carts', 17, 'waived', null)] }));
    expect(r.ok).toBe(false);
    expect(r.findings).toMatchObject([{ code: 'tests.waiver_without_reason', severity: 'error', line: 17 }]);
  });

  it('reports an empty checklist as nothing to match', () => {
    expect(evaluateTests(input({ checklist: [] }))).toMatchObject({ ok: true, summary: '0 source files mapped, 0/0 checklist items matched' });
  });
});
