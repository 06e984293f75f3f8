// The tests gate on real repositories of each layout: files staged in throwaway git repos, titles
// read from the index, coverage from a real Vitest V8 lcov report in the work tree.
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectChange } from '../../src/change/change.js';
import { checklistPlan, planCoverage } from '../../src/change/plan-cover.js';
import { testsGateInput } from '../../src/change/tests.js';
import { loadConfig } from '../../src/config/load.js';
import { treeFingerprint } from '../../src/diff/tree.js';
import type { RunRecord } from '../../src/evidence/types.js';
import { analyseTests, evaluateTests } from '../../src/gates/tests.js';
import { openRepo } from '../../src/git/repo.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function plan(items: string[]): string {
  return `---\ntitle: t\nbranch: main\nrecorded_at: 2026-01-01T00:00:00.000Z\nstatus: active\nchange_at_record: { files: 0, lines: 0 }\n---\n## Goal\ng\n## Test checklist\n${items.map((i) => `- ${i}`).join('\n')}\n`;
}

async function judge(repo: TestRepo, io: { records?: RunRecord[] } = {}) {
  const r = await openRepo(repo.dir);
  const { config } = await loadConfig(r.root, undefined, r.cacheDir);
  const change = await collectChange(r, config, { kind: 'staged' });
  const found = checklistPlan(await planCoverage(r, config, change));
  const input = await testsGateInput(config, change, found, r.cacheDir, { root: r.root, ...io });
  return { analysis: analyseTests(input), result: evaluateTests(input), change, config };
}

function setup(files: Record<string, string>, staged: Record<string, string>, checklist: string[]): TestRepo {
  const repo = makeRepo();
  repos.push(repo);
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.commitAll('base');
  for (const [p, c] of Object.entries(staged)) repo.write(p, c);
  repo.write('.reviewgate/plans/main.md', plan(checklist));
  repo.git('add', '-A');
  return repo;
}

describe('the tests gate on real repositories', () => {
  it('vitest preset: sibling and __tests__ files, nested titles, ids, skipped and todo tests', async () => {
    const repo = setup(
      {
        '.reviewgate.yml': 'tests:\n  preset: vitest\n',
        'src/cart/price.ts': 'export const a = 1;\n',
        'src/cart/index.ts': "export * from './price.js';\n",
        'src/cart/__tests__/total.test.ts': "describe('total', () => { it.each([1])('sums %d line carts #cart-3', () => {}) })\n",
      },
      {
        'src/cart/price.ts': 'export const a = 2;\n',
        'src/cart/total.ts': 'export const t = 0;\n',
        'src/cart/index.ts': "export * from './price.js';\nexport * from './total.js';\n",
        'src/cart/price.test.ts': "describe('price', () => { describe('rounding', () => { it('rounds half up', () => {}) }); it.skip('keeps currency', () => {}); it.todo('handles refunds') })\n",
      },
      ['[ ] rounds half up', '[ ] sums the cart (#cart-3)', '[ ] keeps currency', '[ ] handles refunds', '[~] big carts — load test covers it'],
    );
    const { analysis, result } = await judge(repo);
    expect(analysis.sources.map((s) => [s.path, s.state, s.existing])).toEqual([
      ['src/cart/price.ts', 'ok', ['src/cart/price.test.ts']],
      ['src/cart/total.ts', 'ok', ['src/cart/__tests__/total.test.ts']],
    ]);
    expect(analysis.checklist?.map((c) => [c.state, c.test?.title ?? null])).toEqual([
      ['matched', 'price > rounding > rounds half up'],
      ['matched', 'total > sums ${…} line carts #cart-3'],
      ['skipped', 'price > keeps currency'],
      ['todo', 'price > handles refunds'],
      ['waived', null],
    ]);
    expect(result.summary).toBe('2 source files mapped, 2/4 checklist items matched, 1 waived');
  });

  it('pytest preset: src layout, classes, parametrize ids, unittest, skips', async () => {
    const repo = setup(
      { '.reviewgate.yml': 'tests:\n  preset: pytest\n', 'src/shop/cart.py': 'X = 1\n', 'src/shop/__init__.py': '' },
      {
        'src/shop/cart.py': 'X = 2\n',
        'tests/shop/test_cart.py':
          'import pytest\n\nclass TestCart:\n    @pytest.mark.parametrize(\n        "currency",\n        ["eur", "usd"],\n    )\n    def test_rounds_half_up(self, currency):\n        pass\n\n@pytest.mark.skip(reason="later")\ndef test_refunds():\n    pass\n',
      },
      ['[ ] rounds half up usd', '[ ] refunds'],
    );
    const { analysis } = await judge(repo);
    expect(analysis.sources.map((s) => [s.path, s.state])).toEqual([['src/shop/cart.py', 'ok']]);
    expect(analysis.checklist?.map((c) => [c.state, c.test?.title ?? null, c.test?.line ?? null])).toEqual([
      ['matched', 'TestCart::test_rounds_half_up[usd]', 8],
      ['skipped', 'test_refunds', 12],
    ]);
  });

  it('go preset: _test.go beside the file, subtests, when: changed from the configuration', async () => {
    const repo = setup(
      {
        '.reviewgate.yml': 'tests:\n  preset: go\n  rules:\n    - source: "internal/**/*.go"\n      exclude: ["**/*_test.go"]\n      tests: ["internal/{dir}/{name}_test.go"]\n      when: changed\n',
        'cart/total.go': 'package cart\n',
        'internal/money/round.go': 'package money\n',
        'internal/money/round_test.go': 'package money\n',
      },
      {
        'cart/total.go': 'package cart\n\nvar X = 1\n',
        'cart/total_test.go': 'package cart\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tt.Run("rounds half up", func(t *testing.T) {})\n}\n',
        'internal/money/round.go': 'package money\n\nvar Y = 1\n',
      },
      ['[x] total rounds half up'],
    );
    const { analysis, result } = await judge(repo);
    expect(analysis.sources.map((s) => [s.path, s.state])).toEqual([
      ['cart/total.go', 'ok'],
      ['internal/money/round.go', 'unchanged'],
    ]);
    expect(analysis.checklist?.[0]?.test?.title).toBe('TestTotal/rounds_half_up');
    expect(result.findings.map((f) => f.code)).toEqual(['tests.unchanged_test']);
  });

  it.each([
    ['mocha', 'lib/cart/price.js', 'test/cart/price.spec.js'],
    ['node-test', 'lib/cart/price.js', 'test/cart/price.test.js'],
  ])('%s preset: %s needs %s', async (preset, source, test) => {
    const repo = setup({ '.reviewgate.yml': `tests:\n  preset: ${preset}\n`, [source]: 'module.exports = 1;\n' }, { [source]: 'module.exports = 2;\n' }, []);
    expect((await judge(repo)).result.findings).toMatchObject([{ code: 'tests.missing_file', fix: `add ${test}` }]);
    repo.write(test, "const { it } = require('node:test');\nit('works', () => {});\n");
    repo.git('add', test);
    expect((await judge(repo)).result.ok).toBe(true);
  });
});

describe('coverage of changed lines on a real repository', () => {
  const FIXTURE = new URL('../fixtures/tests/vitest-coverage/', import.meta.url);
  const read = (p: string) => readFileSync(new URL(p, FIXTURE), 'utf8');

  function coverageRepo(): TestRepo {
    // The base has price.ts without discount(); the staged change adds it (lines 8-14).
    const full = read('src/price.ts');
    const base = full.split('\n').slice(0, 7).join('\n');
    return setup(
      {
        '.reviewgate.yml': 'run:\n  commands: ["npx vitest run --coverage"]\ntests:\n  coverage:\n    lcov: coverage/lcov.info\n    min: 80\n',
        '.gitignore': 'coverage/\n',
        'src/price.ts': base,
        'test/price.test.ts': read('test/price.test.ts'),
      },
      { 'src/price.ts': full },
      [],
    );
  }

  async function runRecord(repo: TestRepo, at: number): Promise<RunRecord> {
    const r = await openRepo(repo.dir);
    const { config } = await loadConfig(r.root, undefined, r.cacheDir);
    const change = await collectChange(r, config, { kind: 'staged' });
    const tree = treeFingerprint(await change.reader.entries(), config.evidence_dir);
    return { v: 1, type: 'run', id: 'r1', at: new Date(at).toISOString(), by: { name: 'a', email: 'a@b' }, tool: 't', tree, command: 'npx vitest run --coverage', exitCode: 0, signal: null, durationMs: 1000, void: false, changed: [], node: 'v20', platform: 'linux' };
  }

  it('reports the uncovered changed lines of the real report, as ranges', async () => {
    const repo = coverageRepo();
    repo.write('coverage/lcov.info', read('lcov.info'));
    const records = [await runRecord(repo, Date.now() - 60_000)];
    const { analysis, result } = await judge(repo, { records });
    expect(analysis.coverage?.files).toEqual([{ path: 'src/price.ts', measured: 4, covered: 3, percent: 75, uncovered: '10', state: 'measured' }]);
    expect(result.findings).toMatchObject([{ code: 'tests.coverage_low', message: 'src/price.ts: 75% of 4 changed executable lines covered (min 80%); uncovered: 10' }]);
  });

  it('says the report is stale when it is older than the last passing run of this tree', async () => {
    const repo = coverageRepo();
    repo.write('coverage/lcov.info', read('lcov.info'));
    const old = (Date.now() - 3_600_000) / 1000;
    utimesSync(join(repo.dir, 'coverage/lcov.info'), old, old);
    const { result } = await judge(repo, { records: [await runRecord(repo, Date.now() - 60_000)] });
    expect(result.findings).toMatchObject([{ code: 'tests.coverage_stale', fix: 'configure the command that writes coverage/lcov.info in run.commands, then `reviewgate run --force`' }]);
  });

  it('names the missing report and the fix; reads run records from the staged evidence when not given', async () => {
    const repo = coverageRepo();
    const { result } = await judge(repo);
    expect(result.findings).toMatchObject([{ code: 'tests.coverage_missing', message: 'coverage report coverage/lcov.info not found in the work tree', file: 'coverage/lcov.info' }]);
    repo.write('coverage/lcov.info', read('lcov.info'));
    expect((await judge(repo)).result.findings).toMatchObject([{ code: 'tests.coverage_no_run' }]);
  });
});
