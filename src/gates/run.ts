// The run gate: every configured command has a passing, non-void record for exactly this tree.
import type { EvidenceRecord, RunRecord } from '../evidence/types.js';
import { noCommands, notPassed, runSummary } from '../report/wording.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export interface RunGateInput {
  readonly fingerprint: string;
  readonly commands: readonly string[];
  readonly records: readonly EvidenceRecord[];
  readonly required: boolean;
  /** What to do to record a run for this target. */
  readonly fix: string;
}

export function runRecordsFor(records: readonly EvidenceRecord[], fingerprint: string): RunRecord[] {
  return records.filter((r): r is RunRecord => r.type === 'run' && r.tree === fingerprint);
}

export function isPassing(record: RunRecord): boolean {
  return record.exitCode === 0 && !record.void;
}

export function evaluateRun(input: RunGateInput): GateResult {
  const mine = runRecordsFor(input.records, input.fingerprint);
  const findings: Finding[] = [];
  if (input.commands.length === 0) {
    // Fail closed: a gate with nothing to run proves nothing about this change.
    findings.push(noCommands());
  }
  let passed = 0;
  for (const command of input.commands) {
    const forCommand = mine.filter((r) => r.command === command);
    if (forCommand.some(isPassing)) {
      passed += 1;
      continue;
    }
    findings.push(notPassed(command, forCommand.at(-1), input.fix));
  }
  return gateResult('run', input.required, runSummary(passed, input.commands.length), findings);
}
