import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { FileStatus } from '../../src/diff/model.js';
import { analyseTests, evaluateTests, type TestsGateInput } from '../../src/gates/tests.js';
import type { ChecklistItem } from '../../src/plan/parse.js';
import type { TestTitle } from '../../src/testmap/title.js';

const PLAN = '.reviewgate/plans/main.md';
const changed = (...entries: [string, FileStatus][]) => entries.map(([path, status]) => ({ path, status }));
const item = (text: string, line: number, state: ChecklistItem['state'] = 'open', reason: string | null = null): ChecklistItem => ({ file: PLAN, line, text, state, reason });
const title = (t: string, over: Partial<TestTitle> = {}): TestTitle => ({ file: 'test/cart.test.ts', line: 7, title: t, parts: t.split(' > '), skipped: false, hasWildcard: false, ...over });

function input(tests: Record<string, unknown>, over: Partial<TestsGateInput> & { existing?: string[] } = {}): TestsGateInput {
  const existing = new Set(over.existing ?? []);
  return { config: configSchema.parse({ tests }), changedFiles: [], fileExists: (p) => existing.has(p), checklist: null, titles: [], planPath: PLAN, ...over };
}

describe('when: changed', () => {
  const tests = { rules: [{ source: 'src/**/*.ts', tests: ['test/{dir}/{name}.test.ts'], when: 'changed' }] };

  it('fails when the mapped test exists but did not change, naming both files', () => {
    const r = evaluateTests(input(tests, { changedFiles: changed(['src/cart/price.ts', 'modified']), existing: ['test/cart/price.test.ts'] }));
    expect(r.findings).toEqual([
      {
        code: 'tests.unchanged_test',
        severity: 'error',
        message: 'src/cart/price.ts changed but its test test/cart/price.test.ts did not (the rule says when: changed)',
        file: 'src/cart/price.ts',
        fix: 'update test/cart/price.test.ts to test the change, and stage it',
      },
    ]);
  });

  it('passes when the test changed in the same change', () => {
    const r = evaluateTests(input(tests, { changedFiles: changed(['src/cart/price.ts', 'modified'], ['test/cart/price.test.ts', 'modified']), existing: ['test/cart/price.test.ts'] }));
    expect(r).toMatchObject({ ok: true, summary: '1 source file mapped, no plan checklist' });
  });

  it('still reports a missing test as missing', () => {
    const r = evaluateTests(input(tests, { changedFiles: changed(['src/a.ts', 'added']) }));
    expect(r.findings.map((f) => f.code)).toEqual(['tests.missing_file']);
  });
});

describe('presets in the gate', () => {
  it('maps with the preset and lists every expected path when none exists', () => {
    const a = analyseTests(input({ preset: 'go' }, { changedFiles: changed(['cart/price.go', 'modified'], ['cart/price_test.go', 'added']), existing: ['cart/price_test.go'] }));
    expect(a.sources).toEqual([{ path: 'cart/price.go', when: 'exists', expected: ['cart/price_test.go'], existing: ['cart/price_test.go'], changed: ['cart/price_test.go'], state: 'ok' }]);
  });
});

describe('checklist: skipped, todo, ids, waivers', () => {
  it('says a todo test does not count', () => {
    const r = evaluateTests(input({}, { checklist: [item('rounds half up', 4)], titles: [title('price > rounds half up', { skipped: true, todo: true })] }));
    expect(r.findings).toMatchObject([{ code: 'tests.checklist_todo', message: 'only a todo test matches checklist item "rounds half up": test/cart.test.ts:7 "price > rounds half up" does not run' }]);
    expect(r.findings[0]?.fix).toMatch(/^write the test at test\/cart\.test\.ts:7/);
  });

  it('matches an item by its id', () => {
    const a = analyseTests(input({}, { checklist: [item('sums the cart in cents (#cart-3)', 4)], titles: [title('cart > #cart-3 totals')] }));
    expect(a.checklist).toMatchObject([{ state: 'matched', id: 'cart-3', by: 'id', test: { title: 'cart > #cart-3 totals' } }]);
  });

  it.each([
    // [waivers, reason, code, severity]
    ['allow', 'covered by the load test', 'tests.waived', 'warning'],
    ['allow', null, 'tests.waiver_without_reason', 'error'],
    ['forbid', 'covered by the load test', 'tests.waiver_forbidden', 'error'],
    ['forbid', null, 'tests.waiver_forbidden', 'error'],
  ] as const)('waivers: %s, reason %j → %s', (waivers, reason, code, severity) => {
    const r = evaluateTests(input({ waivers }, { checklist: [item('big carts', 9, 'waived', reason)] }));
    expect(r.findings).toMatchObject([{ code, severity, file: PLAN, line: 9 }]);
  });

  it('counts waivers in the summary and reports each with its reason', () => {
    const r = evaluateTests(input({}, { checklist: [item('big carts', 9, 'waived', 'load test'), item('a', 10)], titles: [title('a')] }));
    expect(r.summary).toBe('0 source files mapped, 1/1 checklist items matched, 1 waived');
    expect(r.findings[0]?.message).toBe('checklist item "big carts" waived: load test');
  });
});

describe('coverage in the gate', () => {
  const report = [{ path: '/ci/src/a.ts', lines: new Map([[1, 1], [2, 0]]) }];
  const coverage = (changedLines: Record<string, number[]>) => ({
    input: { lcov: 'coverage/lcov.info', min: 80, report, reportTime: 2000, runStart: 1000 },
    changedLines: new Map(Object.entries(changedLines)),
  });

  it('measures only changed source files (tests and unmapped files are not measured)', () => {
    const r = evaluateTests(
      input({}, { changedFiles: changed(['src/a.ts', 'modified'], ['test/a.test.ts', 'modified'], ['README.md', 'modified']), existing: ['test/a.test.ts'], coverage: coverage({ 'src/a.ts': [1, 2], 'test/a.test.ts': [1], 'README.md': [1] }) }),
    );
    expect(r.summary).toBe('1 source file mapped, no plan checklist, coverage: 50% of 2 changed lines covered');
    expect(r.findings).toMatchObject([{ code: 'tests.coverage_low', file: 'src/a.ts', line: 2 }]);
  });
});
