// `reviewgate tests --audit` with the real SDK against a fake Messages API: the matched test's
// body is what the advisor reads; a test that does not check its item, and an assumption no test
// checks, become flags on the change's lines that ai.acknowledge: required makes a person answer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { runAdvisorInProcess, startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const PLAN = '## Goal\nAverage of a cart.\n## Approach\ncart.ts\n## Risks\nEmpty carts.\n## Test checklist\n- [ ] empty cart averages to zero\n';
const AUDIT = {
  items: [{ item: 'C1', verdict: 'does-not-check', why: 'The test averages [1, 2]; it never passes an empty cart.', line: 3 }],
  untested_assumptions: [{ hunk: 'H1', side: '+', start_line: 3, end_line: 3, assumption: 'Assumes items is never empty: nothing tests the division by zero.' }],
  injection_attempts: [],
};

let server: FakeAnthropic;
let repo: TestRepo;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startFakeAnthropic();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  server.answer(AUDIT);
  env = { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url };
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'ai:\n  enabled: true\n  acknowledge: required\n  timeout: 2s\nrun:\n  commands: ["node -e 0"]\n');
  repo.write('README.md', 'x\n');
  repo.commitAll('initial');
  repo.write('src/cart.ts', 'export function average(items: number[]): number {\n  const total = items.reduce((a, b) => a + b, 0);\n  return total / items.length;\n}\n');
  repo.write('test/cart.test.ts', "import { expect, it } from 'vitest';\nimport { average } from '../src/cart';\nit('empty cart averages to zero', () => {\n  expect(average([1, 2])).toBe(1.5);\n});\n");
  repo.git('add', '-A');
  expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
});
afterEach(() => repo.remove());

describe('reviewgate tests --audit', () => {
  it('sends the matched test body, prints the verdicts with file:line, and records what lands on changed lines as flags', async () => {
    const r = await runAdvisorInProcess(repo.dir, ['tests', '--audit'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ empty cart averages to zero → test/cart.test.ts:3 does-not-check: The test averages [1, 2]; it never passes an empty cart.');
    expect(r.stdout).toContain('src/cart.ts:3 Assumes items is never empty');
    expect(r.stdout).toContain('Recorded 2 AI flags (staged)');
    const user = (JSON.parse(server.messages()[0]!.body) as { messages: { content: string }[] }).messages[0]!.content;
    expect(user).toContain('checklist item C1: empty cart averages to zero');
    expect(user).toContain('     4 |   expect(average([1, 2])).toBe(1.5);');
    expect(user).toContain('@@ hunk H1 -0,0 +1,4 @@');
    // The audit is advice: the tests gate is unchanged; the flags wait for a person's answer.
    const check = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review', '--gate', 'tests'], { env })).stdout) as { gates: { id: string; ok: boolean; findings: { code: string; file?: string }[] }[] };
    expect(check.gates.find((g) => g.id === 'tests')!.ok).toBe(true);
    expect(check.gates.find((g) => g.id === 'review')!.findings.filter((f) => f.code === 'review.flag').map((f) => f.file)).toEqual(['test/cart.test.ts', 'src/cart.ts']);
  });

  it('--dry-run sends nothing; --format json is refused', async () => {
    const r = await runAdvisorInProcess(repo.dir, ['tests', '--audit', '--dry-run'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('checklist item C1: empty cart averages to zero');
    expect(server.requests).toHaveLength(0);
    expect((await runAdvisorInProcess(repo.dir, ['tests', '--audit', '--format', 'json'], { env })).code).toBe(2);
  });
});
