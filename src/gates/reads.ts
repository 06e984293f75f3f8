// At what pace each reviewed item of the change was read, so a team lead sees rubber stamps in
// `check` and `review --list`: per item, the review that accepted it, who, and its lines per
// active hour (the accepted item's own time when the record has it, else the whole review's).
// Pure.
import type { EvidenceRecord, ReviewRecord } from '../evidence/types.js';
import { keysByItem, linesPerHour, paceOf } from './pace.js';
import type { JudgedItem } from './review.js';

export interface ItemRead {
  readonly file: string;
  readonly line?: number;
  readonly commit?: string;
  /** The changed lines of the item (0 for a change that is not lines). */
  readonly lines: number;
  readonly review: string;
  readonly by: string;
  readonly mode: 'terminal' | 'piped' | 'web';
  /** Active time on the accepted item (or the whole review), null for piped answers. */
  readonly activeMs: number | null;
  /** Lines per active hour, null when there is no pace (piped, or no lines). */
  readonly linesPerHour: number | null;
}

/**
 * One entry per item of the change whose keys are all reviewed, in change order. `done`: which
 * items those are, when the caller already knows (the review gate does: no second pass over every key).
 */
export function itemReads(items: readonly JudgedItem[], records: readonly EvidenceRecord[], reviewed: ReadonlySet<string>, done?: readonly boolean[]): ItemRead[] {
  // One source per key, the last review that names it (one entry object per review item, shared by its keys).
  const byKey = new Map<string, { r: ReviewRecord; at: number }>();
  for (const r of records) {
    if (r.type !== 'review') continue;
    const byItem = keysByItem(r);
    if (byItem) {
      byItem.forEach((keys, i) => {
        const src = { r, at: i };
        for (const k of keys) byKey.set(k, src);
      });
    } else {
      const src = { r, at: -1 };
      for (const k of r.keys) byKey.set(k, src);
    }
  }
  const out: ItemRead[] = [];
  for (const [i, { item, commit }] of items.entries()) {
    if (item.keys.length === 0 || !(done ? done[i] === true : item.keys.every((k) => reviewed.has(k)))) continue;
    let src: { r: ReviewRecord; at: number } | undefined;
    for (const k of item.keys) if ((src = byKey.get(k)) !== undefined) break;
    if (!src) continue;
    const { r, at } = src;
    const part = at >= 0 ? r.items?.[at] : undefined;
    // Terminal and web reviews measure active time; piped answers do not.
    const terminal = r.mode !== 'piped';
    const activeMs = !terminal ? null : part ? part.activeMs : r.durationMs;
    const pace = !terminal ? null : part ? (part.lines > 0 ? linesPerHour(part.lines, part.activeMs) : null) : paceOf(r);
    const first = item.lines[0];
    out.push({
      file: item.path,
      ...(first ? { line: first.line } : {}),
      ...(commit ? { commit } : {}),
      lines: item.lines.length,
      review: r.id,
      by: r.by.name || r.by.email,
      mode: r.mode,
      activeMs,
      linesPerHour: pace === Infinity ? null : pace === null ? null : Math.round(pace),
    });
  }
  return out;
}

/** "2 lines in 4.0 s (1800 lines/hour) by Ann", "answered from piped input by Ann (no pace)". */
export function describeRead(read: ItemRead): string {
  if (read.mode === 'piped') return `answered from piped input by ${read.by} (no pace)`;
  const secs = ((read.activeMs ?? 0) / 1000).toFixed(1);
  const what = read.lines > 0 ? `${read.lines} line${read.lines === 1 ? '' : 's'}` : 'acknowledged';
  const pace = read.lines === 0 ? '' : read.linesPerHour === null ? ' (no measurable time)' : ` (${read.linesPerHour} lines/hour)`;
  return `${what} in ${secs} s${pace} by ${read.by}`;
}

/** Sort key, fastest first: no measurable time, then piped answers (no pace), then lines per hour. */
export function readSpeed(r: ItemRead): number {
  if (r.mode === 'piped') return Number.MAX_VALUE;
  if (r.lines > 0 && r.linesPerHour === null) return Infinity;
  return r.linesPerHour ?? 0;
}
