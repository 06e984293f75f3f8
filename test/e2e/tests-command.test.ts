// `reviewgate tests` through the built bin: the JSON scripts read, the text people read, and
// coverage from a report written by a real `reviewgate run`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

const LCOV = readFileSync(new URL('../fixtures/tests/vitest-coverage/lcov.info', import.meta.url), 'utf8');
const PLAN = `---\ntitle: t\nbranch: main\nrecorded_at: 2026-01-01T00:00:00.000Z\nstatus: active\nchange_at_record: { files: 0, lines: 0 }\n---\n## Goal\ng\n## Test checklist\n- [ ] rounds half up\n- [ ] totals (#cart-3)\n- [ ] refunds\n- [~] big carts — load test\n`;

function repoWith(config: string): TestRepo {
  const repo = makeRepo();
  repos.push(repo);
  repo.write('.reviewgate.yml', config);
  repo.write('src/price.ts', 'export function round(value: number, mode: string): number {\n  return value;\n}\n');
  repo.commitAll('base');
  repo.write('src/price.ts', readFileSync(new URL('../fixtures/tests/vitest-coverage/src/price.ts', import.meta.url), 'utf8'));
  repo.write('src/total.ts', 'export const total = 0;\n');
  repo.write('src/price.test.ts', "describe('price', () => { it('rounds half up', () => {}); it.skip('refunds', () => {}) })\nit('cart-3 totals', () => {})\n");
  repo.write('.reviewgate/plans/main.md', PLAN);
  repo.git('add', '-A');
  return repo;
}

describe('reviewgate tests', () => {
  it('prints one JSON object with stable fields and exits 1 when the gate fails', async () => {
    const repo = repoWith('tests:\n  preset: vitest\n');
    const { code, stdout } = await runInProcess(repo.dir, ['tests', '--format', 'json']);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['ok', 'required', 'summary', 'target', 'plan', 'sources', 'checklist', 'coverage', 'findings']);
    expect(out).toMatchObject({ ok: false, required: true, plan: '.reviewgate/plans/main.md', coverage: null, target: { kind: 'staged' } });
    expect(out.sources).toEqual([
      { path: 'src/price.ts', state: 'ok', when: 'exists', expected: expect.arrayContaining(['src/price.test.ts']), existing: ['src/price.test.ts'], changed: ['src/price.test.ts'] },
      { path: 'src/total.ts', state: 'missing', when: 'exists', expected: expect.arrayContaining(['src/total.test.ts', 'src/__tests__/total.test.ts']), existing: [], changed: [] },
    ]);
    expect(out.checklist.map((c: { text: string; state: string; matchedBy: string | null; test: { title: string; line: number } | null }) => [c.text, c.state, c.matchedBy, c.test?.title ?? null])).toEqual([
      ['rounds half up', 'matched', 'words', 'price > rounds half up'],
      ['totals (#cart-3)', 'matched', 'id', 'cart-3 totals'],
      ['refunds', 'skipped', 'words', 'price > refunds'],
      ['big carts', 'waived', null, null],
    ]);
    expect(out.checklist[0]).toMatchObject({ file: '.reviewgate/plans/main.md', line: 11, mark: 'open', id: null, test: { file: 'src/price.test.ts', line: 1, skipped: false, todo: false } });
    expect(out.findings.map((f: { code: string }) => f.code)).toEqual(['tests.missing_file', 'tests.checklist_skipped', 'tests.waived']);
  });

  it('prints each source with its test and each item with its test or why none matches', async () => {
    const repo = repoWith('tests:\n  preset: vitest\n');
    const { code, stdout } = await runInProcess(repo.dir, ['tests']);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ src/price.ts → src/price.test.ts');
    expect(stdout).toContain('✗ src/total.ts: no test file; expected src/total.test.ts or ');
    expect(stdout).toContain('✓ rounds half up → src/price.test.ts:1 price > rounds half up');
    expect(stdout).toContain('✓ totals (#cart-3) → src/price.test.ts:2 cart-3 totals (by id #cart-3)');
    expect(stdout).toContain('✗ refunds: only a skipped test matches, src/price.test.ts:1 price > refunds');
    expect(stdout).toContain('~ big carts: waived — load test');
    expect(stdout).toContain('add src/total.test.ts');
  });

  it('measures coverage from the report a real `reviewgate run` wrote', async () => {
    const repo = makeRepo();
    repos.push(repo);
    // The "test command" writes the fixture report, as `vitest run --coverage` would.
    repo.write('write-lcov.cjs', `require('node:fs').mkdirSync('coverage', { recursive: true });\nrequire('node:fs').writeFileSync('coverage/lcov.info', ${JSON.stringify(LCOV)});\n`);
    repo.write('.gitignore', 'coverage/\n');
    repo.write('.reviewgate.yml', 'run:\n  commands: ["node write-lcov.cjs"]\ntests:\n  rules:\n    - source: "src/**/*.ts"\n      tests: ["src/{dir}/{name}.test.ts"]\n  coverage:\n    lcov: coverage/lcov.info\n    min: 70\n');
    repo.write('src/price.ts', 'export function round(value: number, mode: string): number {\n  return value;\n}\n');
    repo.write('src/price.test.ts', "it('rounds', () => {})\n");
    repo.commitAll('base');
    repo.write('src/price.ts', readFileSync(new URL('../fixtures/tests/vitest-coverage/src/price.ts', import.meta.url), 'utf8'));
    repo.git('add', '-A');

    const before = JSON.parse((await runInProcess(repo.dir, ['tests', '--format', 'json'])).stdout);
    expect(before.coverage).toMatchObject({ state: 'missing', lcov: 'coverage/lcov.info' });

    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    const { code, stdout } = await runInProcess(repo.dir, ['tests', '--format', 'json']);
    const out = JSON.parse(stdout);
    expect(out.coverage).toEqual({
      lcov: 'coverage/lcov.info',
      min: 70,
      state: 'ok',
      summary: 'coverage: 71.4% of 7 changed lines covered',
      files: [{ path: 'src/price.ts', measured: 7, covered: 5, percent: 71.4, uncovered: '5, 10', state: 'measured' }],
    });
    expect(code).toBe(0);

    // `check` judges the same report in staged mode, and a stricter minimum fails it.
    const gate = async (args: string[] = []) =>
      (JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'tests', ...args])).stdout) as {
        gates: { id: string; ok: boolean; findings: { code: string; severity: string }[] }[];
      }).gates.find((g) => g.id === 'tests');
    expect((await gate())?.ok).toBe(true);
    // A file outside the repository is read from disk (the report says the rules are not the base's).
    const strict = `${repo.dir}-strict.yml`;
    writeFileSync(strict, repo.read('.reviewgate.yml').replace('min: 70', 'min: 90'));
    expect((await gate(['--config', strict]))?.findings.map((f) => f.code)).toContain('tests.coverage_low');
    rmSync(strict);

    // A range check (pre-push, CI) has no report: it says coverage is judged before each commit.
    repo.git('commit', '-q', '-m', 'price');
    const range = await gate(['--range', 'HEAD~1..HEAD']);
    expect(range?.ok).toBe(true);
    expect(range?.findings).toContainEqual(expect.objectContaining({ code: 'tests.coverage_staged_only', severity: 'warning' }));
  });
});
