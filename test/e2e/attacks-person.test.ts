// What the gate withstands: an AI coding agent, or a script, standing in for the person who must
// read the change. Each case is something an agent in the same shell can do in one line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const PLAN = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [~] t — none needed\n';
let repo: TestRepo;

function setUp(review = '') {
  repo = makeRepo();
  repo.write('.reviewgate.yml', `version: 1\n${review}run:\n  commands: ["node -e 0"]\ntests:\n  required: false\n`);
  repo.write('src/a.js', Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n');
  repo.commitAll('initial');
  repo.write('src/a.js', Array.from({ length: 30 }, (_, i) => `changed ${i}`).join('\n') + '\n');
  repo.git('add', '-A');
}
afterEach(() => repo.remove());

type Report = { ok: boolean; gates: { id: string; ok: boolean; findings: { message: string; severity: string }[] }[] };
const review = (r: { stdout: string }) => (JSON.parse(r.stdout) as Report).gates.find((g) => g.id === 'review')!;
const evidenceFiles = () => repo.git('ls-files', '.reviewgate/evidence');

describe('a pipe is not a person', () => {
  beforeEach(() => setUp());

  it('refuses `yes y | reviewgate review` before asking anything, and records nothing', async () => {
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(100) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('piped answers do not count (review.piped: refuse)');
    expect(r.stderr).toContain('run `reviewgate review` in your own terminal');
    expect(r.stdout).not.toContain('Reviewed?');
    expect(evidenceFiles()).toBe('');
    expect((await runInProcess(repo.dir, ['check'])).code).toBe(1);
  });

  it('does not count a piped review recorded where pipes were allowed, on a base that refuses them', async () => {
    // A side branch whose rules allow pipes records a piped review with its change...
    repo.git('stash', '-q');
    repo.git('checkout', '-q', '-b', 'lenient');
    repo.write('.reviewgate.yml', 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e 0"]\ntests:\n  required: false\n');
    repo.commitAll('allow pipes');
    repo.git('stash', 'pop', '-q');
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(100) })).code).toBe(0);
    repo.git('commit', '-q', '--no-verify', '-m', 'change with a piped review');
    // ...and the commit is carried onto main, whose rules refuse pipes (the default).
    repo.git('checkout', '-q', 'main');
    repo.git('cherry-pick', 'lenient');
    const gate = review(await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review', '--range', 'HEAD~1..HEAD']));
    expect(gate.ok).toBe(false);
    expect(JSON.stringify(gate.findings)).toContain('answered only from piped input');
  });
});

describe('review.piped: warn lets a pipe count, visibly', () => {
  beforeEach(() => setUp('review:\n  piped: warn\n'));

  it('records, warns at review time, and check shows the pipe and the pace', async () => {
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(100) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('answers from a pipe (review.piped: warn)');
    const gate = review(await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review']));
    expect(gate.ok).toBe(true);
    const messages = gate.findings.map((f) => `${f.severity} ${f.message}`);
    expect(messages.some((m) => m.startsWith('warning') && m.includes('answered from piped input (review.piped: warn)'))).toBe(true);
    // 60 lines answered in no measurable time: the pace finding applies to piped reviews too.
    expect(messages.some((m) => m.includes('faster than review.max_lines_per_hour'))).toBe(true);
  });
});

describe("an AI coding agent's shell", () => {
  const CLAUDE = { CLAUDECODE: '1' };

  it('refuses review, with a message that tells the agent to hand over to the person', async () => {
    setUp('review:\n  piped: allow\n');
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n', env: CLAUDE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this shell belongs to Claude Code (CLAUDECODE is set)');
    expect(r.stderr).toContain('ask the person to run this in their own terminal');
    expect(r.stderr).toContain('    reviewgate review');
    expect(evidenceFiles()).toBe('');
  });

  it.each([
    ['Codex', { CODEX_SANDBOX: 'seatbelt' }],
    ['Gemini CLI', { GEMINI_CLI: '1' }],
    ['Cursor', { CURSOR_AGENT: '1' }],
    ['GitHub Copilot', { COPILOT_AGENT: '1' }],
  ])('recognises %s', async (name, env) => {
    setUp('review:\n  piped: allow\n');
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n', env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`this shell belongs to ${name}`);
  });

  it("does not mistake a person's Cursor terminal (CURSOR_TRACE_ID alone) for the agent", async () => {
    setUp('review:\n  piped: allow\n');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n', env: { CURSOR_TRACE_ID: 'abc' } })).code).toBe(0);
  });

  it('refuses a plan and the resolution of a concern; listing what is left is fine', async () => {
    setUp('review:\n  piped: allow\n');
    expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN, env: CLAUDE })).stderr).toContain('(plan.agent: refuse in .reviewgate.yml)');
    expect((await runInProcess(repo.dir, ['review'], { input: '! this loop never ends\nq\n' })).code).toBe(0);
    const id = /concern ([0-9a-f]+)/.exec((await runInProcess(repo.dir, ['check'])).stdout)?.[1];
    expect(id).toBeDefined();
    const resolve = await runInProcess(repo.dir, ['review', '--resolve', id!, 'fixed'], { env: CLAUDE });
    expect(resolve.code).toBe(2);
    expect(resolve.stderr).toContain('resolving a concern must come from a person');
    expect((await runInProcess(repo.dir, ['review', '--list'], { env: CLAUDE })).code).toBe(0);
    // Trusting a signing key is a person's decision too: an agent adding its own would sign for them.
    const keys = await runInProcess(repo.dir, ['keys', 'add'], { env: CLAUDE });
    expect(keys.code).toBe(2);
    expect(keys.stderr).toContain('trusting a signing key must come from a person');
  });

  it("cannot record a plan by posing as Claude Code's ExitPlanMode hook", async () => {
    setUp('review:\n  piped: allow\n');
    // The hook command is an ordinary command: the agent can run it with JSON of its own making.
    const forged = JSON.stringify({ hook_event_name: 'PostToolUse', tool_name: 'ExitPlanMode', tool_input: { plan: PLAN } });
    const r = await runInProcess(repo.dir, ['agent', 'claude-plan'], { input: forged, env: CLAUDE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(plan.agent: refuse in .reviewgate.yml)');
    expect(repo.gitResult(['cat-file', '-e', ':.reviewgate/plans/main.md']).status).not.toBe(0);
  });

  it('with review.agent: warn, records it on the evidence and check shows it', async () => {
    setUp('review:\n  piped: allow\n  agent: warn\n');
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(100), env: CLAUDE });
    expect(r.code).toBe(0);
    expect(repo.read('.reviewgate/evidence/main.jsonl')).toContain('"agent":"Claude Code"');
    const gate = review(await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review']));
    expect(gate.ok).toBe(true);
    expect(gate.findings.some((f) => f.severity === 'warning' && f.message.includes("made from an AI coding agent's shell (Claude Code)"))).toBe(true);
  });

  it('does not count a record that says an agent made it when review.agent is refuse', async () => {
    setUp('review:\n  piped: allow\n  agent: warn\n');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n'.repeat(100), env: CLAUDE })).code).toBe(0);
    repo.write('.reviewgate.yml', 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e 0"]\ntests:\n  required: false\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'stricter rules');
    repo.write('src/a.js', repo.read('src/a.js'));
    const gate = review(await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review', '--range', 'HEAD~1..HEAD']));
    expect(gate.ok).toBe(false);
  });
});
