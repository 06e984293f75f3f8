// The AI advisor's flags in the review gate. A flag is advice: it never satisfies anything. With
// ai.acknowledge: required, a flag on lines still in the change blocks the gate until a person
// answers it; with warn it is a warning; with off it is not reported. Pure: judged from the
// evidence alone, so `check` (and CI, without an API key) needs no network.
import type { AnswerRecord, EvidenceRecord, FlagRecord } from '../evidence/types.js';
import { unansweredFlag } from '../report/wording.js';
import type { Finding } from './types.js';

export type Acknowledge = 'off' | 'warn' | 'required';

/** Flags whose every line is still part of the change (a flagged line that changed drops the flag). */
export function liveFlags(records: readonly EvidenceRecord[], changeKeys: ReadonlySet<string>): FlagRecord[] {
  return records.filter((r): r is FlagRecord => r.type === 'flag' && r.keys.every((k) => changeKeys.has(k)));
}

export function answersByFlag(records: readonly EvidenceRecord[]): Map<string, AnswerRecord> {
  const out = new Map<string, AnswerRecord>();
  for (const r of records) if (r.type === 'answer' && !out.has(r.flag)) out.set(r.flag, r);
  return out;
}

export function flagFindings(records: readonly EvidenceRecord[], changeKeys: ReadonlySet<string>, acknowledge: Acknowledge): Finding[] {
  if (acknowledge === 'off') return [];
  const answered = answersByFlag(records);
  return liveFlags(records, changeKeys)
    .filter((f) => !answered.has(f.id))
    .map((f) => unansweredFlag(f, acknowledge === 'required' ? 'error' : 'warning'));
}
