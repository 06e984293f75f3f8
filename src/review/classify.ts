// Why a line still needs review (`review --list`):
//   new                no line of this file was ever reviewed (or the file is new);
//   edited             the line's content is not one anybody reviewed, but its hunk holds reviewed
//                      content (the line replaced or sits among lines somebody reviewed);
//   neighbour changed  this exact content was reviewed on this path and side, but a line next to
//                      it changed, so its key (which binds the neighbours) differs.
// Keys are one-way hashes, so the evidence alone cannot say which content a key covered. Each
// terminal or piped review therefore also records content hashes of the lines it accepted (and
// one hash per path) in its per-item `content` field; lines of reviews recorded before that field existed
// count as never reviewed. Pure.
import { createHash } from 'node:crypto';
import type { ChangedLineRef } from '../diff/model.js';
import type { EvidenceRecord } from '../evidence/types.js';

export type Why = 'new' | 'edited' | 'neighbour changed';

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.map((p) => `${p.length}:${p}`).join('')).digest('hex').slice(0, 32);
}

export const contentHash = (path: string, side: '+' | '-', text: string): string => hash('reviewgate/content/v1', path, side, text);
export const pathHash = (path: string): string => hash('reviewgate/path/v1', path);

/** The content hashes a review of these lines records (one per line, plus one per path). */
export function contentHashes(lines: readonly (Pick<ChangedLineRef, 'side' | 'text'> & { path: string })[]): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    out.add(pathHash(l.path));
    out.add(contentHash(l.path, l.side, l.text));
  }
  return [...out];
}

/** Every content and path hash any review recorded (read defensively: the field is optional). */
export function reviewedContent(records: readonly EvidenceRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    if (r.type !== 'review') continue;
    for (const item of r.items ?? []) {
      const content = (item as { content?: unknown }).content;
      if (Array.isArray(content)) for (const c of content) if (typeof c === 'string') out.add(c);
    }
  }
  return out;
}

export interface ClassifyContext {
  readonly content: ReadonlySet<string>;
  /** Paths with at least one reviewed key in the current change, or a note or concern. */
  readonly touchedPaths: ReadonlySet<string>;
}

/**
 * `hunk`: the changed lines of the line's hunk. A line is `edited` only when its hunk holds content
 * somebody reviewed (an unchanged reviewed line next to it, or a reviewed line it replaced): a line
 * that was never reviewed, in a hunk of lines never reviewed, is `new` even when other parts of
 * the file were reviewed.
 */
export function classifyLine(path: string, line: Pick<ChangedLineRef, 'side' | 'text'>, ctx: ClassifyContext, hunk: readonly Pick<ChangedLineRef, 'side' | 'text'>[] = []): Why {
  if (ctx.content.has(contentHash(path, line.side, line.text))) return 'neighbour changed';
  if (line.side === '-' && ctx.content.has(contentHash(path, '+', line.text))) return 'edited';
  const overlaps = hunk.some((l) => ctx.content.has(contentHash(path, l.side, l.text)) || (l.side === '-' && ctx.content.has(contentHash(path, '+', l.text))));
  return overlaps ? 'edited' : 'new';
}

/** "2 new, 1 edited" — the reasons of an item's owed lines, most common first. */
export function summarizeWhy(whys: readonly Why[]): string {
  const counts = new Map<Why, number>();
  for (const w of whys) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${n} ${w}`).join(', ');
}
