// The run gate's manual checks: every item of the plan's manual checks has a "done" record on
// exactly this content (the same fingerprint as the commands), or is waived with a reason. Pure.
import type { EvidenceRecord } from '../evidence/types.js';
import type { ChecklistItem } from '../plan/parse.js';
import { manualCommand } from '../plan/manual.js';
import { isPassing, runRecordsFor } from './run.js';
import { manualNotDone, manualSummary, manualWaived } from '../report/wording.js';
import { gateResult, type Finding, type GateResult } from './types.js';

export function withManualChecks(result: GateResult, items: readonly ChecklistItem[], records: readonly EvidenceRecord[], fingerprint: string, fix: string): GateResult {
  if (items.length === 0) return result;
  const mine = runRecordsFor(records, fingerprint);
  const findings: Finding[] = [];
  let done = 0;
  const wanted = items.filter((i) => i.state !== 'waived');
  for (const item of items) {
    if (item.state === 'waived') {
      findings.push(manualWaived(item));
      continue;
    }
    const last = mine.filter((r) => r.command === manualCommand(item)).at(-1);
    if (last && isPassing(last)) {
      done += 1;
      continue;
    }
    findings.push(manualNotDone(item, last, fix));
  }
  return gateResult('run', result.required, manualSummary(result.summary, done, wanted.length), [...result.findings, ...findings]);
}
