// The quick start, end to end through the built bin: a failing check becomes a passing one with
// plan, review and run — then any real change voids the evidence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = `version: 1
review:
  piped: allow
run:
  commands: ["node -e \\"process.exit(0)\\""]
`;

const PLAN = `## Goal
Prices round half up.
## Approach
Change price.ts.
## Risks
Negative prices.
## Test checklist
- [ ] rounds half up
`;

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', CONFIG);
  repo.write('README.md', 'shop\n');
  repo.commitAll('initial');
  repo.write('src/cart/price.ts', 'export function price(x: number) {\n  return Math.round(x);\n}\n');
  repo.write('test/cart/price.test.ts', "import { it } from 'vitest';\nit('rounds half up', () => {});\n");
  repo.git('add', '-A');
});
afterEach(() => repo.remove());

async function json(args: string[] = []) {
  const r = await runInProcess(repo.dir, ['check', '--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) as { ok: boolean; gates: { id: string; ok: boolean; findings: { fix?: string }[] }[] } };
}

describe('the quick start', () => {
  it('walks from a failing check to a passing one', async () => {
    const first = await runInProcess(repo.dir, ['check']);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('reviewgate plan');
    expect(first.stdout).toMatch(/✗ plan/);

    const failing = await json();
    expect(failing.code).toBe(1);
    expect(failing.report.gates.map((g) => [g.id, g.ok])).toEqual([
      ['plan', false],
      ['review', false],
      ['run', false],
      ['tests', true],
    ]);
    for (const g of failing.report.gates) for (const f of g.findings) expect(f.fix).toBeTruthy();

    expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
    const review = await runInProcess(repo.dir, ['review'], { input: 'y\ny\ny\n' });
    expect(review.code).toBe(0);
    expect(review.stdout).toContain('Reviewed?');
    const run = await runInProcess(repo.dir, ['run']);
    expect(run.stderr).toContain('✓');
    expect(run.code).toBe(0);

    const passing = await runInProcess(repo.dir, ['check']);
    expect(passing.stdout).toContain('All four gates hold');
    expect(passing.code).toBe(0);
  });

  it('voids review and run evidence when a reviewed line changes', async () => {
    await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN });
    await runInProcess(repo.dir, ['review'], { input: 'y\ny\ny\n' });
    await runInProcess(repo.dir, ['run']);
    expect((await runInProcess(repo.dir, ['check'])).code).toBe(0);
    repo.write('src/cart/price.ts', 'export function price(x: number) {\n  return Math.floor(x);\n}\n');
    repo.git('add', '-A');
    const after = await json();
    expect(after.code).toBe(1);
    expect(after.report.gates.map((g) => [g.id, g.ok])).toEqual([
      ['plan', true],
      ['review', false],
      ['run', false],
      ['tests', true],
    ]);
  });

  it('passes in range mode on the commits made with the evidence', async () => {
    const base = repo.git('rev-parse', 'HEAD');
    await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN });
    await runInProcess(repo.dir, ['review'], { input: 'y\ny\ny\n' });
    await runInProcess(repo.dir, ['run']);
    repo.git('commit', '-q', '-m', 'price rounding');
    const range = await runInProcess(repo.dir, ['check', '--range', `${base}..HEAD`]);
    expect(range.stdout + range.stderr).toContain('All four gates hold');
    expect(range.code).toBe(0);
  });
});
