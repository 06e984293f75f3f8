// The run gate: every configured command has a passing, non-void record for exactly this tree.
import type { EvidenceRecord, RunRecord } from '../evidence/types.js';
import { formatDuration } from '../run/duration.js';
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
    findings.push({
      code: 'run.no_commands',
      severity: 'error',
      message: 'run.commands is empty: nothing proves this change runs',
      fix: 'add the commands that prove it (e.g. "npm test") to run.commands in .reviewgate.yml, or set run.required: false',
    });
  }
  let passed = 0;
  for (const command of input.commands) {
    const forCommand = mine.filter((r) => r.command === command);
    if (forCommand.some(isPassing)) {
      passed += 1;
      continue;
    }
    const last = forCommand.at(-1);
    let message: string;
    if (!last) message = `\`${command}\` has not run on this content`;
    else if (last.timedOut) message = `\`${command}\` timed out after ${formatDuration(last.durationMs)} on this content`;
    else if (last.void) message = `\`${command}\` changed tracked files when it ran (${last.changed.join(', ')}); the run does not count`;
    else if (last.signal) message = `\`${command}\` was killed by ${last.signal} on this content`;
    else if (last.exitCode === 127) message = `\`${command}\` failed (exit 127: command not found) on this content`;
    else message = `\`${command}\` failed (exit ${last.exitCode}) on this content`;
    findings.push({ code: last ? 'run.failed' : 'run.missing', severity: 'error', message, fix: last ? failureFix(last, input.fix) : input.fix });
  }
  const summary =
    input.commands.length === 0
      ? 'no commands configured'
      : `${passed}/${input.commands.length} commands passed on this content`;
  return gateResult('run', input.required, summary, findings);
}

/**
 * Running the same command on the same content again would fail again: the fix points at the
 * failure (its last output lines), and only then at recording a new run.
 */
function failureFix(last: RunRecord, record: string): string {
  if (last.timedOut) return `make \`${last.command}\` finish within run.timeout (or raise run.timeout in .reviewgate.yml), then ${record}`;
  if (last.void) return `make \`${last.command}\` leave tracked files alone (or ignore what it writes in .gitignore), then ${record}`;
  if (last.exitCode === 127) return `install the command, or correct it in run.commands of .reviewgate.yml, then ${record}`;
  const tail = (last.output ?? []).map((l) => l.trim()).filter((l) => l !== '').slice(-2).join(' | ');
  const where = tail === '' ? '' : ` (it ended with: ${tail.length > 200 ? `…${tail.slice(-200)}` : tail})`;
  return `fix what made it fail${where}, then stage the fix and ${record} (reviewgate run --list shows its last lines)`;
}
