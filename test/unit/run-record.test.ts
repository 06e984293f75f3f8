import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/evidence/types.js';
import { recordSchemas } from '../../src/evidence/schema.js';
import { evaluateRun } from '../../src/gates/run.js';
import type { ProcessResult } from '../../src/run/process.js';
import { formatRunList, toRunRecord } from '../../src/run/record.js';

const ctx = { by: { name: 'Ada', email: 'ada@example.com' }, tool: '0.1.0', tree: 'T1', isolated: true, node: 'v20.12.0', platform: 'linux-x64' };
const result = (over: Partial<ProcessResult>): ProcessResult => ({
  exitCode: 0, signal: null, timedOut: false, interrupted: false, startedAt: Date.UTC(2026, 10, 26, 9, 30), durationMs: 1500, ...over,
});

describe('run records', () => {
  it('keeps exit code, duration, start time, who, Node/OS, isolated and the output tail, and is valid evidence', () => {
    const record = toRunRecord({ command: 'npm test', result: result({}), output: ['ok'], changed: [] }, ctx);
    expect(record).toMatchObject({
      type: 'run', tree: 'T1', command: 'npm test', exitCode: 0, durationMs: 1500, at: '2026-11-26T09:30:00.000Z',
      by: ctx.by, node: 'v20.12.0', platform: 'linux-x64', isolated: true, void: false, output: ['ok'],
    });
    expect(record).not.toHaveProperty('timedOut');
    expect(recordSchemas.run.safeParse(record).success).toBe(true);
  });

  it('marks a timed-out run, and the gate says "timed out after 90s"', () => {
    const record = toRunRecord({ command: 'npm test', result: result({ exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 90_012 }), output: [], changed: [] }, ctx) as RunRecord;
    expect(record.timedOut).toBe(true);
    const gate = evaluateRun({ fingerprint: 'T1', commands: ['npm test'], records: [record], required: true, fix: 'reviewgate run' });
    expect(gate.ok).toBe(false);
    expect(gate.findings[0]?.message).toBe('`npm test` timed out after 90s on this content');
  });

  it('says "command not found" for exit 127 in the gate', () => {
    const record = toRunRecord({ command: 'nope', result: result({ exitCode: 127 }), output: [], changed: [] }, ctx) as RunRecord;
    const gate = evaluateRun({ fingerprint: 'T1', commands: ['nope'], records: [record], required: true, fix: 'reviewgate run' });
    expect(gate.findings[0]?.message).toBe('`nope` failed (exit 127: command not found) on this content');
  });

  it('points a failed run at its failure (last lines), not at running the same content again', () => {
    const record = toRunRecord({ command: 'npm test', result: result({ exitCode: 1 }), output: ['', 'FAIL test/a.test.ts', 'AssertionError: expected 1 to be 2', ''], changed: [] }, ctx) as RunRecord;
    const gate = evaluateRun({ fingerprint: 'T1', commands: ['npm test'], records: [record], required: true, fix: 'reviewgate run' });
    expect(gate.findings[0]?.fix).toBe('fix what made it fail (it ended with: FAIL test/a.test.ts | AssertionError: expected 1 to be 2), then stage the fix and reviewgate run (reviewgate run --list shows its last lines)');
  });

  it('records nothing for a command stopped by Ctrl-C', () => {
    expect(toRunRecord({ command: 'npm test', result: result({ interrupted: true, exitCode: null, signal: 'SIGTERM' }), output: [], changed: [] }, ctx)).toBeNull();
  });

  it('is void when files changed', () => {
    expect(toRunRecord({ command: 'x', result: result({}), output: [], changed: ['a.ts'] }, ctx)).toMatchObject({ void: true, changed: ['a.ts'] });
  });

  it('lists records as a table: command, result, duration, when, who, where', () => {
    const pass = toRunRecord({ command: 'npm test', result: result({}), output: [], changed: [] }, ctx) as RunRecord;
    const fail = toRunRecord({ command: 'npm run lint', result: result({ exitCode: 1, durationMs: 400 }), output: [], changed: [] }, { ...ctx, isolated: false }) as RunRecord;
    expect(formatRunList([pass, fail])).toEqual([
      'command       result           duration  when                  who  where',
      'npm test      passed           1.5s      2026-11-26 09:30:00Z  Ada  isolated',
      'npm run lint  failed (exit 1)  400ms     2026-11-26 09:30:00Z  Ada  work tree',
    ]);
    expect(formatRunList([])).toEqual([]);
  });
});
