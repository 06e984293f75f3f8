// Notes and concerns as the walker and `review --list` show them: a comment belongs to the hunk
// it was written on, so it is shown wherever any of that hunk's keys is shown again. Pure.
import type { CommentRecord, EvidenceRecord } from '../evidence/types.js';
import type { ShownComment } from './screen.js';

export function commentsOn(keys: readonly string[], records: readonly EvidenceRecord[]): ShownComment[] {
  const mine = new Set(keys);
  const resolved = new Set(records.flatMap((r) => (r.type === 'resolve' ? [r.concern] : [])));
  return records
    .filter((r): r is CommentRecord => (r.type === 'note' || r.type === 'concern') && r.keys.some((k) => mine.has(k)))
    .map((c) => ({ kind: c.type, id: c.id, by: c.by.name || c.by.email, text: c.text, resolved: c.type === 'concern' && resolved.has(c.id) }));
}

/** The first concern on these keys nobody has resolved yet (what `r` resolves). */
export function firstOpenConcern(keys: readonly string[], records: readonly EvidenceRecord[]): ShownComment | null {
  return commentsOn(keys, records).find((c) => c.kind === 'concern' && !c.resolved) ?? null;
}
