// `review --list`: what still needs review, why, and the notes on it — as text for people and as
// JSON for editors and scripts. Pure.
import type { EvidenceRecord } from '../evidence/types.js';
import { describeRead, type ItemRead } from '../gates/reads.js';
import type { JudgedItem } from '../gates/review.js';
import type { Style } from '../report/style.js';
import { visible } from '../report/visible.js';
import { hunkClassifier, reviewedContent, summarizeWhy, type Why } from './classify.js';
import { commentsOn } from './comments.js';

export interface Pending {
  readonly judged: JudgedItem;
  readonly missing: readonly string[];
}

export interface ListedItem {
  readonly file: string;
  readonly kind: string;
  readonly commit?: string;
  readonly line: number | null;
  readonly summary: string;
  readonly why: string;
  readonly lines: { side: '+' | '-'; line: number; text: string; why: Why }[];
  readonly notes: { kind: 'note' | 'concern' | 'flag'; id: string; by: string; text: string; resolved: boolean }[];
}

export function listItems(pending: readonly Pending[], records: readonly EvidenceRecord[], reviewed: ReadonlySet<string>, allItems: readonly JudgedItem[], secret = ''): ListedItem[] {
  const touchedPaths = new Set<string>();
  for (const { item } of allItems) if (item.keys.some((k) => reviewed.has(k))) touchedPaths.add(item.path);
  for (const r of records) if (r.type === 'note' || r.type === 'concern') touchedPaths.add(r.path);
  const ctx = { content: reviewedContent(records), touchedPaths, secret };
  return pending.map(({ judged: { item, commit }, missing }) => {
    const missingSet = new Set(missing);
    const why = hunkClassifier(item.path, ctx, item.lines);
    const lines = item.lines.filter((l) => missingSet.has(l.key)).map((l) => ({ side: l.side, line: l.line, text: l.text, why: why(l) }));
    const reason = item.kind === 'lines' && lines.length > 0 ? summarizeWhy(lines.map((l) => l.why)) : touchedPaths.has(item.path) ? 'edited' : 'new';
    return {
      file: item.path,
      kind: item.kind,
      ...(commit ? { commit } : {}),
      line: lines[0]?.line ?? null,
      summary: item.lines.length > 0 ? `${lines.length} changed line${lines.length === 1 ? '' : 's'}` : item.summary,
      why: reason,
      lines,
      notes: commentsOn(item.keys, records),
    };
  });
}

/** `reviewed`: the pace each reviewed item of the change was read at (gates/reads.ts). */
export function listJson(items: readonly ListedItem[], reviewed: readonly ItemRead[] = []): string {
  return `${JSON.stringify({ items, reviewed })}\n`;
}

export function listText(items: readonly ListedItem[], s: Style, reviewed: readonly ItemRead[] = []): string {
  const done = reviewed.map((r) => `  ${s.cyan(`${r.file}${r.line !== undefined ? `:${r.line}` : ''}`)}  ${describeRead(r)}${r.commit ? s.dim(` (commit ${r.commit.slice(0, 7)})`) : ''}`);
  const readSection = done.length > 0 ? `${s.dim('Reviewed, and the pace it was read at:')}\n${done.join('\n')}\n` : '';
  if (items.length === 0) return `${readSection}Nothing left to review.\n`;
  const out: string[] = [];
  for (const it of items) {
    const where = visible(it.line !== null ? `${it.file}:${it.line}` : it.file);
    out.push(`${s.cyan(where)}  ${it.summary}  ${s.dim(`(${it.why})`)}${it.commit ? s.dim(` (commit ${it.commit.slice(0, 7)})`) : ''}`);
    for (const n of it.notes) {
      const label = n.kind === 'note' ? 'note' : n.kind === 'flag' ? (n.resolved ? 'AI flag (answered)' : `AI flag ${n.id}`) : n.resolved ? 'concern (resolved)' : `concern ${n.id}`;
      out.push(`    ${n.kind !== 'note' && !n.resolved ? s.yellow(label) : s.dim(label)} by ${visible(n.by)}: ${visible(n.text)}`);
    }
  }
  const total = items.reduce((n, i) => n + i.lines.length, 0);
  out.push(s.dim(`${items.length} item${items.length === 1 ? '' : 's'}, ${total} line${total === 1 ? '' : 's'} to review. Next: reviewgate review`));
  return `${readSection}${out.join('\n')}\n`;
}
