// Notes and concerns as the walker and `review --list` show them: a comment belongs to the hunk
// it was written on, so it is shown wherever any of that hunk's keys is shown again. Pure.
import type { CommentRecord, EvidenceRecord } from '../evidence/types.js';
import { answersByFlag, liveFlags } from '../gates/flags.js';
import { flagSpan } from '../report/wording.js';
import type { ShownComment } from './screen.js';

export function commentsOn(keys: readonly string[], records: readonly EvidenceRecord[]): ShownComment[] {
  const mine = new Set(keys);
  const resolved = new Set(records.flatMap((r) => (r.type === 'resolve' ? [r.concern] : [])));
  return records
    .filter((r): r is CommentRecord => (r.type === 'note' || r.type === 'concern') && r.keys.some((k) => mine.has(k)))
    .map((c): ShownComment => ({ kind: c.type, id: c.id, by: c.by.name || c.by.email, text: c.text, resolved: c.type === 'concern' && resolved.has(c.id) }))
    .concat(flagsOn(mine, records));
}

/** The AI advisor's flags on these keys (all of a flag's lines must still be here), shown above the hunk. */
function flagsOn(mine: ReadonlySet<string>, records: readonly EvidenceRecord[]): ShownComment[] {
  const answered = answersByFlag(records);
  return liveFlags(records, mine).map((f) => {
    const a = answered.get(f.id);
    const answer = a ? ` — answered ${a.verdict} by ${a.by.name || a.by.email}: ${a.text}` : '';
    return { kind: 'flag', id: f.id, by: `AI (${f.model})`, text: `${flagSpan(f)}, ${f.category}: ${f.text}${answer}`, resolved: a !== undefined };
  });
}

/** The first concern on these keys nobody has resolved yet (what `r` resolves). */
export function firstOpenConcern(keys: readonly string[], records: readonly EvidenceRecord[]): ShownComment | null {
  return commentsOn(keys, records).find((c) => c.kind === 'concern' && !c.resolved) ?? null;
}
