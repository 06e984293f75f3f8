// The plan's manual checks: asked by `reviewgate run` on a terminal after the commands pass,
// recorded on the content fingerprint, required by the run gate; never taken from a pipe.
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const PLAN = [
  '## Goal', 'Reject empty carts.', '## Approach', 'orders handler.', '## Risks', 'None.',
  '## Test checklist', '- [~] handler test — covered by the API suite',
  '## Manual checks', '- [ ] POST /orders with an empty cart returns 422', '- [~] watch the logs — nothing is logged here', '',
].join('\n');

let repo: TestRepo;
beforeEach(async () => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'version: 1\nrun:\n  commands: ["node -e 0"]\n');
  repo.commitAll('adopt');
  repo.write('src/orders.js', 'export const orders = (cart) => (cart.length === 0 ? 422 : 201);\n');
  repo.git('add', '-A');
  expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
});
afterEach(() => repo.remove());

const runGate = async () => {
  const r = await runInProcess(repo.dir, ['check', '--gate', 'run', '--format', 'json']);
  return (JSON.parse(r.stdout) as { gates: { id: string; ok: boolean; summary: string; findings: { code: string; message: string; fix?: string }[] }[] }).gates.find((g) => g.id === 'run')!;
};

/** `reviewgate run` on a real terminal (util-linux script), answering each prompt as it appears. */
async function runOnTerminal(answers: Array<[string, string]>): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-qec', `'${process.execPath}' '${BIN}' run`, '/dev/null'], { cwd: repo.dir, env: cleanEnv({ TERM: 'dumb' }) });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const next = answers[0];
    if (next && output.includes(next[0])) {
      answers.shift();
      child.stdin.write(`${next[1]}\r`);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('manual checks', () => {
  it('are required by the run gate, and never recorded from a pipe', async () => {
    const piped = await runInProcess(repo.dir, ['run'], { input: 'y\nlooked fine\n' });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('1 manual check of the plan not done on this content:');
    expect(piped.stderr).toContain('POST /orders with an empty cart returns 422');
    const gate = await runGate();
    expect(gate.ok).toBe(false);
    expect(gate.findings.map((f) => f.message)).toEqual([
      'manual check not done on this content: POST /orders with an empty cart returns 422',
      'manual check waived: watch the logs — nothing is logged here',
    ]);
  });

  it.skipIf(!hasScript)('are asked on a terminal after the commands pass, and bound to the content', async () => {
    const r = await runOnTerminal([
      ['[s] skip: ', 'y'],
      ['what did you see (one line): ', '422 {"error":"empty cart"}'],
    ]);
    expect(r.code, r.output).toBe(0);
    const gate = await runGate();
    expect(gate.ok).toBe(true);
    expect(gate.summary).toBe('1/1 commands passed on this content; 1/1 manual check done');
    // Change the content: the check is owed again.
    repo.write('src/orders.js', 'export const orders = (cart) => (cart.length ? 201 : 422);\n');
    repo.git('add', '-A');
    expect((await runGate()).findings.map((f) => f.code)).toContain('run.manual_missing');
  });

  it.skipIf(!hasScript)('records "not done" with what happened, and the gate says so', async () => {
    const r = await runOnTerminal([
      ['[s] skip: ', 'n'],
      ['what happened (one line): ', 'got 500'],
    ]);
    expect(r.code).toBe(1);
    expect((await runGate()).findings[0]!.message).toBe('manual check answered "not done" on this content: POST /orders with an empty cart returns 422 (got 500)');
  });
});
