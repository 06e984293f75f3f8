// Word-level emphasis inside changed line pairs: which words of a removed line and of the added
// line that replaced it differ. Pairs are the i-th removed and i-th added line of one change block
// (a run of '-' lines followed by a run of '+' lines), as git's --word-diff and most review tools
// pair them. The word diff is jsdiff's; this module is imported only by `review` (the walker and
// the web page), never on `check`'s path. Pure.
import { diffWordsWithSpace } from 'diff';
import type { DiffLine } from '../diff/model.js';

export interface Segment {
  readonly text: string;
  /** True for the words that differ from the paired line. */
  readonly changed: boolean;
}

/** Lines longer than this are not word-diffed (minified code): the whole line is the change. */
const MAX_LINE = 1_000;
/** A pair where more than this share differs is a rewrite, not an edit: no emphasis (it would be noise). */
const MAX_CHANGED_SHARE = 0.6;

/** For each changed hunk line that has a partner, the index of that partner in `lines`. */
export function pairLines(lines: readonly DiffLine[]): Map<number, number> {
  const pairs = new Map<number, number>();
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.side !== '-') {
      i++;
      continue;
    }
    const delStart = i;
    while (lines[i]?.side === '-') i++;
    const addStart = i;
    while (lines[i]?.side === '+') i++;
    const n = Math.min(addStart - delStart, i - addStart);
    for (let k = 0; k < n; k++) {
      pairs.set(delStart + k, addStart + k);
      pairs.set(addStart + k, delStart + k);
    }
  }
  return pairs;
}

/** The segments of the removed and the added line, or null when emphasis would not help. */
export function wordSegments(removed: string, added: string): { removed: Segment[]; added: Segment[] } | null {
  if (removed.length > MAX_LINE || added.length > MAX_LINE) return null;
  const parts = diffWordsWithSpace(removed, added);
  const old: Segment[] = [];
  const now: Segment[] = [];
  let changed = 0;
  for (const p of parts) {
    if (p.added) {
      now.push({ text: p.value, changed: true });
      changed += p.value.length;
    } else if (p.removed) {
      old.push({ text: p.value, changed: true });
      changed += p.value.length;
    } else {
      old.push({ text: p.value, changed: false });
      now.push({ text: p.value, changed: false });
    }
  }
  const total = removed.length + added.length;
  if (total === 0 || changed / total > MAX_CHANGED_SHARE) return null;
  return { removed: merge(old), added: merge(now) };
}

function merge(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.changed === s.changed) out[out.length - 1] = { text: last.text + s.text, changed: s.changed };
    else if (s.text) out.push(s);
  }
  return out;
}

/** Segments for every hunk line with a useful partner, computed once per hunk. */
export function hunkWords(lines: readonly DiffLine[]): Map<number, Segment[]> {
  const out = new Map<number, Segment[]>();
  for (const [a, b] of pairLines(lines)) {
    if (out.has(a) || lines[a]?.side !== '-') continue;
    const seg = wordSegments(lines[a]?.text ?? '', lines[b]?.text ?? '');
    if (!seg) continue;
    out.set(a, seg.removed);
    out.set(b, seg.added);
  }
  return out;
}
