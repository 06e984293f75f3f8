// Attacks on the evidence a person produces, through the built bin: answers piped by a script,
// producers driven from an AI agent's shell, and (with signing on) records written by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const BASE = 'version: 1\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  required: false\n';
const PLAN = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works\n';

let repo: TestRepo;
afterEach(() => repo.remove());

function stageChange(config: string): void {
  repo = makeRepo();
  repo.write('.reviewgate.yml', config);
  repo.write('a.txt', 'one\n');
  repo.commitAll('initial');
  repo.write('a.txt', 'one\ntwo\nthree\n');
  repo.git('add', 'a.txt');
}

describe('a person at the keys', () => {
  it('refuses the piped rubber stamp `yes y | reviewgate review` by default, and the gate stays shut', () => {
    stageChange(BASE);
    const stamp = runCli(repo.dir, ['review'], { input: 'y\n'.repeat(100) });
    expect(stamp.code).toBe(2);
    expect(stamp.stderr).toContain('reading its answers from a pipe');
    expect(stamp.stderr).toContain('review.piped: allow');
    const check = runCli(repo.dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('not reviewed');
  });

  it('does not count a piped review recorded while piped answers were allowed, once the rule is refuse', () => {
    stageChange(`${BASE}review:\n  piped: allow\n`);
    expect(runCli(repo.dir, ['review'], { input: 'y\n' }).code).toBe(0);
    const allowed = runCli(repo.dir, ['check']);
    expect(allowed.code).toBe(0);
    // A piped review that counts still draws a pace finding: nobody's reading time was measured.
    expect(allowed.stdout).toContain('piped answers, no reading time measured');
    repo.write('.strict.yml', BASE);
    const strict = runCli(repo.dir, ['check', '--config', '.strict.yml']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('answered only from piped input');
  });

  it.each([
    ['Claude Code', { CLAUDECODE: '1' }],
    ['Codex', { CODEX_SANDBOX_NETWORK_DISABLED: '1' }],
    ['Cursor', { CURSOR_AGENT: '1' }],
    ['Gemini CLI', { GEMINI_CLI: '1' }],
  ])('refuses review, plan and acknowledgements from %s\'s shell, telling the agent what the person must run', (agent, env) => {
    stageChange(`${BASE}review:\n  piped: allow\n`);
    const review = runCli(repo.dir, ['review'], { input: 'y\n', env });
    expect(review.code).toBe(2);
    expect(review.stderr).toContain(agent);
    expect(review.stderr).toContain('the person must run this in their own terminal: reviewgate review');
    const plan = runCli(repo.dir, ['plan', '--from', '-'], { input: PLAN, env });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('their own terminal: reviewgate plan');
    const resolve = runCli(repo.dir, ['review', '--resolve', 'abc', 'fixed'], { env });
    expect(resolve.code).toBe(2);
    expect(resolve.stderr).toContain('their own terminal: reviewgate review --resolve abc "fixed"');
    expect(runCli(repo.dir, ['check']).code).toBe(1);
    // Without the marker the same commands work.
    expect(runCli(repo.dir, ['review'], { input: 'y\n' }).code).toBe(0);
  });

  it('review.agent: warn records from an agent shell with a warning; allow records silently', () => {
    stageChange(`${BASE}review:\n  piped: allow\n  agent: warn\n`);
    const warned = runCli(repo.dir, ['review'], { input: 'y\n', env: { CLAUDECODE: '1' } });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('review.agent is warn');
  });
});
