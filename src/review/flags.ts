// From review items to what the advisor reads (hunks numbered H1, H2, … with each line's side and
// number), and from its answer back to flags bound to line keys. A flag naming a hunk or lines
// that are not in the change is dropped, never guessed. Pure.
import type { ChangedLineRef, ReviewItem } from '../diff/model.js';
import { looksLikeInjection } from '../advisor/prompt.js';

export interface SentHunk {
  readonly id: string;
  readonly item: ReviewItem;
}

/** A flag before it becomes an evidence record. */
export interface NewFlag {
  readonly keys: string[];
  readonly path: string;
  readonly line: number;
  readonly endLine: number;
  readonly category: string;
  readonly text: string;
}

export interface ModelFlag {
  readonly hunk: string;
  readonly side: '+' | '-';
  readonly start_line: number;
  readonly end_line: number;
  readonly category: string;
  readonly why: string;
}

/** One part per file: its line hunks, numbered across the request. */
export function hunkParts(items: readonly ReviewItem[]): { parts: { path: string; text: string }[]; hunks: Map<string, SentHunk> } {
  const hunks = new Map<string, SentHunk>();
  const byPath = new Map<string, string[]>();
  for (const item of items) {
    if (item.kind !== 'lines' || !item.hunk) continue;
    const id = `H${hunks.size + 1}`;
    hunks.set(id, { id, item });
    const h = item.hunk;
    const out = byPath.get(item.path) ?? [];
    out.push(`@@ hunk ${id} -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`);
    for (const l of h.lines) {
      const n = l.side === '-' ? l.oldLine : l.newLine;
      out.push(`${l.side}${String(n ?? '').padStart(5)} | ${l.text}`);
    }
    byPath.set(item.path, out);
  }
  return { parts: [...byPath].map(([path, lines]) => ({ path, text: `${lines.join('\n')}\n` })), hunks };
}

/** The model's flags that point at real changed lines, bound to those lines' keys. */
export function flagsFromAnswer(flags: readonly ModelFlag[], hunks: ReadonlyMap<string, SentHunk>): { kept: NewFlag[]; dropped: number } {
  const kept: NewFlag[] = [];
  let dropped = 0;
  for (const f of flags) {
    const sent = hunks.get(f.hunk.trim().replace(/^hunk\s+/i, ''));
    const lo = Math.min(f.start_line, f.end_line);
    const hi = Math.max(f.start_line, f.end_line);
    const lines = sent ? sent.item.lines.filter((l) => l.side === f.side && l.line >= lo && l.line <= hi) : [];
    if (!sent || lines.length === 0) {
      dropped++;
      continue;
    }
    kept.push(flagOn(sent.item.path, lines, f.category, f.why.trim()));
  }
  return { kept, dropped };
}

/** Changed lines that address a reviewer or a model, found locally (the model may have obeyed them). */
export function injectionFlags(items: readonly ReviewItem[], reported: readonly { path: string; quote: string }[]): NewFlag[] {
  const out: NewFlag[] = [];
  for (const item of items) {
    for (const l of item.lines) {
      const quote = l.text.trim();
      const byModel = reported.some((r) => r.path === item.path && r.quote.trim() !== '' && l.text.includes(r.quote.trim()));
      if (!looksLikeInjection(l.text) && !byModel) continue;
      out.push(flagOn(item.path, [l], 'prompt-injection', `This line addresses a reviewer or an AI model ("${quote.slice(0, 120)}"); instructions hidden in a change are a red flag: read what it hides yourself.`));
    }
  }
  return out;
}

function flagOn(path: string, lines: readonly ChangedLineRef[], category: string, text: string): NewFlag {
  return { keys: lines.map((l) => l.key), path, line: lines[0]?.line ?? 1, endLine: lines.at(-1)?.line ?? 1, category: modelText(category), text: modelText(text) };
}

/**
 * The model's words as one printable line: its output is shaped by the change under review, so it
 * may carry terminal escape sequences meant for whoever reads it (in review, check, CI logs).
 */
export function modelText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** Flags already recorded with the same lines and text are not recorded again (a cached answer). */
export function sameFlag(a: { keys: readonly string[]; text: string }, b: { keys: readonly string[]; text: string }): boolean {
  return a.text === b.text && a.keys.length === b.keys.length && a.keys.every((k, i) => b.keys[i] === k);
}
