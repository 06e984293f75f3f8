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
import { createHash, createHmac } from 'node:crypto';
import type { ChangedLineRef } from '../diff/model.js';
import type { EvidenceRecord } from '../evidence/types.js';

export type Why = 'new' | 'edited' | 'neighbour changed';

// These hashes are of a line's text alone: unkeyed, a short secret on a reviewed-then-removed
// line could be guessed back from committed evidence. They are only ever compared on the machine
// that recorded them, so they are keyed with a random secret of this clone (kept in the git
// directory, never committed; see contentSecret in cli/review.ts), and cut to 64 bits (a
// collision only mislabels why a line is owed). In another clone they simply never match.
function hash(secret: string, ...parts: string[]): string {
  const h = secret ? createHmac('sha256', secret) : createHash('sha256');
  return h.update(parts.map((p) => `${p.length}:${p}`).join('')).digest('hex').slice(0, secret ? 16 : 32);
}

const contentHash = (path: string, side: '+' | '-', text: string, secret = ''): string => hash(secret, 'reviewgate/content/v1', path, side, text);
const pathHash = (path: string, secret = ''): string => hash(secret, 'reviewgate/path/v1', path);

/** The content hashes a review of these lines records (one per line, plus one per path). */
export function contentHashes(lines: readonly (Pick<ChangedLineRef, 'side' | 'text'> & { path: string })[], secret = ''): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    out.add(pathHash(l.path, secret));
    out.add(contentHash(l.path, l.side, l.text, secret));
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
  /** This clone's secret for content hashes ('' for the unkeyed hashes of older records). */
  readonly secret?: string;
}

/**
 * `hunk`: the changed lines of the line's hunk. A line is `edited` only when its hunk holds content
 * somebody reviewed (an unchanged reviewed line next to it, or a reviewed line it replaced): a line
 * that was never reviewed, in a hunk of lines never reviewed, is `new` even when other parts of
 * the file were reviewed. Hashes are keyed with the clone's secret (`ctx.secret`); records
 * written before that carry plain hashes, which are looked up too.
 */
export function classifyLine(path: string, line: Pick<ChangedLineRef, 'side' | 'text'>, ctx: ClassifyContext, hunk: readonly Pick<ChangedLineRef, 'side' | 'text'>[] = []): Why {
  const secret = ctx.secret ?? '';
  const has = (side: '+' | '-', text: string) => ctx.content.has(contentHash(path, side, text, secret)) || (secret !== '' && ctx.content.has(contentHash(path, side, text)));
  if (has(line.side, line.text)) return 'neighbour changed';
  if (line.side === '-' && has('+', line.text)) return 'edited';
  const overlaps = hunk.some((l) => has(l.side, l.text) || (l.side === '-' && has('+', l.text)));
  return overlaps ? 'edited' : 'new';
}

/** "2 new, 1 edited" — the reasons of an item's owed lines, most common first. */
export function summarizeWhy(whys: readonly Why[]): string {
  const counts = new Map<Why, number>();
  for (const w of whys) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${n} ${w}`).join(', ');
}
