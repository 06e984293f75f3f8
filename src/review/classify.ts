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
import { createHash, createHmac, hash as nodeHash } from 'node:crypto';
import type { ChangedLineRef } from '../diff/model.js';
import type { EvidenceRecord } from '../evidence/types.js';

export type Why = 'new' | 'edited' | 'neighbour changed';

// These hashes are of a line's text alone: unkeyed, a short secret on a reviewed-then-removed
// line could be guessed back from committed evidence. They are only ever compared on the machine
// that recorded them, so they are keyed with a random secret of this clone (kept in the git
// directory, never committed; see contentSecret in cli/review.ts), and cut to 64 bits (a
// collision only mislabels why a line is owed). In another clone they simply never match.
function hash(secret: string, ...parts: string[]): string {
  const message = parts.map((p) => `${p.length}:${p}`).join('');
  if (!secret) return typeof nodeHash === 'function' ? nodeHash('sha256', message, 'hex').slice(0, 32) : createHash('sha256').update(message).digest('hex').slice(0, 32);
  return typeof nodeHash === 'function' ? hmac(secret, message).slice(0, 16) : createHmac('sha256', secret).update(message).digest('hex').slice(0, 16);
}

// HMAC-SHA256 (RFC 2104) from one-shot hashes: `review --list` hashes every owed line, and a
// createHmac object per line costs twice as much. Same bytes as createHmac('sha256', secret).
let padsOf: { secret: string; inner: Buffer; outer: Buffer } | null = null;
function hmac(secret: string, message: string): string {
  if (padsOf?.secret !== secret) {
    const key = Buffer.alloc(64);
    const raw = Buffer.from(secret, 'utf8');
    (raw.length > 64 ? createHash('sha256').update(raw).digest() : raw).copy(key);
    const outer = Buffer.alloc(64 + 32);
    for (let i = 0; i < 64; i++) outer[i] = (key[i] as number) ^ 0x5c;
    padsOf = { secret, inner: Buffer.from(key.map((b) => b ^ 0x36)), outer };
  }
  const { inner, outer } = padsOf;
  nodeHash('sha256', Buffer.concat([inner, Buffer.from(message, 'utf8')]), 'buffer').copy(outer, 64);
  return nodeHash('sha256', outer, 'hex');
}

export const contentHash = (path: string, side: '+' | '-', text: string, secret = ''): string => hash(secret, 'reviewgate/content/v1', path, side, text);
export const pathHash = (path: string, secret = ''): string => hash(secret, 'reviewgate/path/v1', path);

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

// The lengths of the hashes a context holds: a keyed hash is 16 hex digits, a plain one 32, so a
// lookup of a length the evidence never recorded (no review yet, or none of that kind) is false
// without hashing.
const lengthsOf = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>();
function hashLengths(content: ReadonlySet<string>): ReadonlySet<number> {
  let lengths = lengthsOf.get(content);
  if (!lengths) {
    const found = new Set<number>();
    for (const c of content) found.add(c.length);
    lengths = found;
    lengthsOf.set(content, lengths);
  }
  return lengths;
}

/**
 * `hunk`: the changed lines of the line's hunk. A line is `edited` only when its hunk holds content
 * somebody reviewed (an unchanged reviewed line next to it, or a reviewed line it replaced): a line
 * that was never reviewed, in a hunk of lines never reviewed, is `new` even when other parts of
 * the file were reviewed. Hashes are keyed with the clone's secret (`ctx.secret`); records
 * written before that carry plain hashes, which are looked up too.
 *
 * Returns the classifier of every line of one hunk: whether the hunk holds reviewed content does
 * not depend on the line asked about, so it is worked out once per hunk (once per line, a hunk of
 * n lines took n² hashes), and each line's content is hashed at most once per side.
 */
export function hunkClassifier(path: string, ctx: ClassifyContext, hunk: readonly Pick<ChangedLineRef, 'side' | 'text'>[]): (line: Pick<ChangedLineRef, 'side' | 'text'>) => Why {
  const secret = ctx.secret ?? '';
  const lengths = hashLengths(ctx.content);
  const keyed = lengths.has(secret ? 16 : 32);
  const plain = secret !== '' && lengths.has(32);
  const known = new Map<string, boolean>();
  const has = (side: '+' | '-', text: string): boolean => {
    if (!keyed && !plain) return false;
    const id = `${side}${text}`;
    let found = known.get(id);
    if (found === undefined) {
      found = (keyed && ctx.content.has(contentHash(path, side, text, secret))) || (plain && ctx.content.has(contentHash(path, side, text)));
      known.set(id, found);
    }
    return found;
  };
  let overlaps: boolean | undefined;
  return (line) => {
    if (has(line.side, line.text)) return 'neighbour changed';
    if (line.side === '-' && has('+', line.text)) return 'edited';
    overlaps ??= hunk.some((l) => has(l.side, l.text) || (l.side === '-' && has('+', l.text)));
    return overlaps ? 'edited' : 'new';
  };
}

/** "2 new, 1 edited" — the reasons of an item's owed lines, most common first. */
export function summarizeWhy(whys: readonly Why[]): string {
  const counts = new Map<Why, number>();
  for (const w of whys) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${n} ${w}`).join(', ');
}
