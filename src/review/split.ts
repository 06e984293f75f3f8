// Splitting a hunk into smaller hunks where unchanged lines sit inside it (`s` in the walker).
// Keys are per line, so each part simply carries the keys of its own changed lines: answering the
// parts separately records exactly the same keys as answering the whole hunk. Pure.
import type { DiffLine, Hunk, ReviewItem } from '../diff/model.js';

/** The parts of a lines item, split at every run of context lines; [item] when it cannot split. */
export function splitItem(item: ReviewItem): ReviewItem[] {
  const hunk = item.hunk;
  if (item.kind !== 'lines' || !hunk) return [item];
  // Runs of changed lines, as [start, end) indexes into hunk.lines.
  const runs: [number, number][] = [];
  hunk.lines.forEach((l, i) => {
    if (l.side === ' ') return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  if (runs.length <= 1) return [item];
  const refOf = new Map(item.lines.map((r) => [`${r.side}${r.line}`, r]));
  return runs.map(([start, end]) => {
    // One line of context on each side, as git would show the smaller hunk.
    const from = Math.max(0, start - 1);
    const to = Math.min(hunk.lines.length, end + 1);
    const lines = hunk.lines.slice(from, to);
    const refs = lines.flatMap((l) => {
      const ref = l.side === ' ' ? undefined : refOf.get(`${l.side}${l.side === '+' ? l.newLine : l.oldLine}`);
      return ref ? [ref] : [];
    });
    const part: Hunk = { ...bounds(lines, hunk), lines };
    const added = refs.filter((r) => r.side === '+').length;
    return { ...item, hunk: part, lines: refs, keys: refs.map((r) => r.key), summary: `+${added} -${refs.length - added} at line ${part.newStart}` };
  });
}

function bounds(lines: readonly DiffLine[], whole: Hunk): Omit<Hunk, 'lines'> {
  const olds = lines.flatMap((l) => (l.oldLine === null ? [] : [l.oldLine]));
  const news = lines.flatMap((l) => (l.newLine === null ? [] : [l.newLine]));
  const oldCount = lines.filter((l) => l.side !== '+').length;
  const newCount = lines.filter((l) => l.side !== '-').length;
  return {
    oldStart: olds[0] ?? whole.oldStart,
    oldCount,
    newStart: news[0] ?? whole.newStart,
    newCount,
  };
}

