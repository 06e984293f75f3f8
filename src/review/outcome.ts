// From a walk's answers to the review record: the keys newly accepted, how many changed lines
// they cover, the active time in total and per item, and the content hashes that let a later
// `review --list` say why a line is owed again. Pure.
import type { KeyTiming, PageShown, Person, ReviewRecord } from '../evidence/types.js';
import { contentHashes } from './classify.js';
import type { Unit } from './state.js';

export interface AcceptedItem {
  readonly keys: string[];
  readonly lines: number;
  readonly activeMs: number;
  readonly content: string[];
  /** The stretches of the hunk that were on screen and for how long (terminal reviews). */
  readonly pages?: PageShown[];
  /** A block confirmed as moved verbatim: `lines` is then 0, and the count is here. */
  readonly move?: { from: string; line: number; lines: number };
}

/** Each accepted unit's keys that were not reviewed before the walk (a key counts once). */
export function acceptedItems(units: readonly Unit[], acceptedIds: readonly string[], before: ReadonlySet<string>, spentOn: (id: string) => number, pagesOf?: (id: string) => PageShown[], secret = ''): AcceptedItem[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const seen = new Set(before);
  const out: AcceptedItem[] = [];
  for (const id of acceptedIds) {
    const unit = byId.get(id);
    if (!unit) continue;
    const keys = unit.item.keys.filter((k) => !seen.has(k));
    for (const k of keys) seen.add(k);
    if (keys.length === 0) continue;
    const fresh = new Set(keys);
    const lines = unit.item.lines.filter((l) => fresh.has(l.key));
    const pages = pagesOf?.(id) ?? [];
    const content = contentHashes(lines.map((l) => ({ ...l, path: unit.item.path })), secret);
    const activeMs = Math.round(spentOn(id));
    // A block confirmed as moved counts no lines towards pace; the move says how many it holds.
    if (unit.move) out.push({ keys, lines: 0, activeMs, content, move: { from: unit.move.from, line: unit.move.fromLine, lines: lines.length }, ...(pages.length > 0 ? { pages } : {}) });
    else out.push({ keys, lines: lines.length, activeMs, content, ...(pages.length > 0 ? { pages } : {}) });
  }
  return out;
}

export interface RecordMeta {
  readonly id: string;
  readonly at: string;
  readonly by: Person;
  readonly tool: string;
  readonly mode: 'terminal' | 'piped' | 'web';
  readonly durationMs: number;
  /** How the keys arrived (terminal reviews). */
  readonly input?: KeyTiming;
}

/** The review record, or null when nothing new was accepted. */
export function reviewRecord(meta: RecordMeta, items: readonly AcceptedItem[]): ReviewRecord | null {
  if (items.length === 0) return null;
  return {
    v: 1,
    type: 'review',
    id: meta.id,
    at: meta.at,
    by: meta.by,
    tool: meta.tool,
    mode: meta.mode,
    keys: items.flatMap((i) => i.keys),
    durationMs: Math.round(meta.durationMs),
    lines: items.reduce((n, i) => n + i.lines, 0),
    // The keys are kept once, at the top (repeating them per item doubled the record's size);
    // `n` says how many of them, in order, are each item's.
    items: items.map((i) => ({ n: i.keys.length, lines: i.lines, activeMs: i.activeMs, content: i.content, ...(i.pages ? { pages: i.pages } : {}), ...(i.move ? { move: i.move } : {}) })),
    ...(meta.input ? { input: meta.input } : {}),
  };
}
