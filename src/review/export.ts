// `review --export`: the open concerns and the notes on the change, each with file:line and the
// hunk it was written on, for the coding agent to act on. After its fix, only the lines it changed
// (and their neighbours) come back for review: the keys of everything else are unchanged. Pure.
import type { CommentRecord, EvidenceRecord } from '../evidence/types.js';
import type { JudgedItem } from '../gates/review.js';

export interface ExportedComment {
  readonly kind: 'note' | 'concern';
  readonly id: string;
  readonly file: string;
  readonly line: number | null;
  readonly by: string;
  readonly text: string;
  /** The hunk as it is now (unified diff lines), or null when the lines it was written on changed. */
  readonly hunk: string[] | null;
}

export function exportComments(records: readonly EvidenceRecord[], items: readonly JudgedItem[]): ExportedComment[] {
  const resolved = new Set(records.flatMap((r) => (r.type === 'resolve' ? [r.concern] : [])));
  const out: ExportedComment[] = [];
  for (const r of records) {
    if (r.type !== 'note' && r.type !== 'concern') continue;
    const c = r as CommentRecord;
    const item = items.find((j) => j.item.keys.some((k) => c.keys.includes(k)))?.item;
    // Open concerns always (they block the gate); notes while they are on this change.
    if (c.type === 'concern' ? resolved.has(c.id) : !item) continue;
    const hunk = item?.hunk ? item.hunk.lines.map((l) => `${l.side}${l.text}`) : item ? [item.summary] : null;
    out.push({ kind: c.type, id: c.id, file: c.path, line: c.line, by: c.by.name || c.by.email, text: c.text, hunk });
  }
  return out;
}

export function exportJson(comments: readonly ExportedComment[]): string {
  return `${JSON.stringify({ comments }, null, 2)}\n`;
}

export function exportMarkdown(comments: readonly ExportedComment[]): string {
  if (comments.length === 0) return '# Review comments\n\nNo open concerns or notes on this change.\n';
  const concerns = comments.filter((c) => c.kind === 'concern').length;
  const lines = [
    '# Review comments',
    '',
    `${concerns} open concern${concerns === 1 ? '' : 's'} (each blocks the review gate until resolved) and ${comments.length - concerns} note${comments.length - concerns === 1 ? '' : 's'}. Fix what they ask; only the lines you change come back for review.`,
  ];
  for (const c of comments) {
    const where = c.line !== null ? `${c.file}:${c.line}` : c.file;
    lines.push('', `## ${c.kind === 'concern' ? `Concern ${c.id}` : 'Note'} — ${where}`, '', `${c.by}: ${c.text}`, '');
    if (c.hunk) lines.push('```diff', ...c.hunk, '```');
    else lines.push('_(the lines it was written on have changed since)_');
  }
  return `${lines.join('\n')}\n`;
}
