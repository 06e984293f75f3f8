import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/evidence/types.js';
import { evaluateRun } from '../../src/gates/run.js';

const run = (over: Partial<RunRecord>): RunRecord => ({
  v: 1, type: 'run', id: 'r', at: '2026-11-26T00:00:00.000Z', by: { name: 'A', email: 'a@x' }, tool: 't',
  tree: 'T1', command: 'npm test', exitCode: 0, signal: null, durationMs: 5, void: false, changed: [], node: 'v20', platform: 'linux',
  ...over,
});
const gate = (records: RunRecord[], commands = ['npm test']) =>
  evaluateRun({ fingerprint: 'T1', commands, records, required: true, fix: 'reviewgate run' });

describe('run gate', () => {
  it.each([
    ['no record at all', [], false, '`npm test` has not run on this content'],
    ['a pass on another tree', [run({ tree: 'T0' })], false, '`npm test` has not run on this content'],
    ['a failing run', [run({ exitCode: 2 })], false, '`npm test` failed (exit 2) on this content'],
    ['a run killed by a signal', [run({ exitCode: null, signal: 'SIGKILL' })], false, '`npm test` was killed by SIGKILL on this content'],
    ['a void run', [run({ void: true, changed: ['src/a.ts'] })], false, '`npm test` changed tracked files when it ran (src/a.ts); the run does not count'],
    ['a pass on this tree', [run({})], true, undefined],
    ['a failure then a pass', [run({ exitCode: 1 }), run({})], true, undefined],
  ])('%s', (_name, records, ok, message) => {
    const result = gate(records as RunRecord[]);
    expect(result.ok).toBe(ok);
    expect(result.findings[0]?.message).toBe(message);
    if (!ok) expect(result.findings[0]?.fix).toMatch(/reviewgate run( \(|$)/);
  });

  it('fails closed when no command is configured', () => {
    const result = gate([run({})], []);
    expect(result.ok).toBe(false);
    expect(result.findings[0]?.code).toBe('run.no_commands');
  });

  it('needs a passing record for every configured command, by its exact string', () => {
    const result = gate([run({})], ['npm test', 'npm run lint']);
    expect(result.ok).toBe(false);
    expect(result.summary).toBe('1/2 commands passed on this content');
    expect(gate([run({ command: 'npm  test' })]).ok).toBe(false);
  });
});
