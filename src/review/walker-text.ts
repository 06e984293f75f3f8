// The walker's words and its "go to a file" list. Pure.
import type { WalkState } from './state.js';

export const HINTS = 'y reviewed · n later · f flag · s split · j/k next/prev · space/b page · g go to · c note · ! concern · r resolve · ? help · q quit';

export const WALKER_HELP = [
  'reviewgate review — keys',
  '',
  '  y        reviewed: I read every line of this hunk',
  '  n        later: leave it unreviewed for now',
  '  f        flag: come back to it (neither reviewed nor a concern; kept for the next session)',
  '  h        hide-reviewed on/off: whether j/k stop at hunks with nothing left to review',
  '  s        split the hunk at its unchanged lines; answer each part',
  '  (a block moved verbatim is one item, "moved from path:line, unchanged": y confirms the move)',
  '  j / →    next hunk        k / ←    previous hunk',
  '  space    next page        b        previous page      ↑ ↓  one line',
  '  g        go to a file (type a path prefix or a number from the list)',
  '  c        add a note to this hunk (kept with it, shown wherever it is shown)',
  '  !        raise a concern: blocks the review gate until resolved',
  '  r        resolve the open concern shown on this hunk',
  '  ?        this help',
  '  q        quit, keeping every answer so far (so do Ctrl-C and closing the terminal)',
  '',
  'Time counts while you press keys; a pause longer than a minute counts as one minute.',
  'Press any key to go back.',
].join('\n');

export interface FileChoice {
  readonly path: string;
  readonly index: number;
  readonly owed: number;
}

/** Files in walk order, each with its first unit and the lines still owed, filtered by prefix. */
export function filesFor(state: WalkState, prefix: string): FileChoice[] {
  const byPath = new Map<string, FileChoice>();
  state.units.forEach((u, index) => {
    const owed = u.item.keys.filter((k) => !state.reviewed.has(k)).length;
    const seen = byPath.get(u.item.path);
    if (seen) byPath.set(u.item.path, { ...seen, owed: seen.owed + owed });
    else byPath.set(u.item.path, { path: u.item.path, index, owed });
  });
  const all = [...byPath.values()];
  if (/^\d+$/.test(prefix)) return all;
  const starts = all.filter((f) => f.path.startsWith(prefix));
  return starts.length > 0 ? starts : all.filter((f) => f.path.includes(prefix));
}

/** The unit a "go to" answer names: a number from the list, or the first file matching. */
export function gotoIndex(state: WalkState, answer: string): number | null {
  const list = filesFor(state, answer);
  if (/^\d+$/.test(answer)) return list[Number(answer) - 1]?.index ?? null;
  return list[0]?.index ?? null;
}
