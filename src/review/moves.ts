// Moved code: a block of removed lines that comes back verbatim elsewhere in the change becomes
// one review item, "moved from path:line, unchanged", confirmed with one key. The rules are git's
// --color-moved with --color-moved-ws=allow-indentation-change: a block counts as moved only when
// it holds at least 20 alphanumeric characters, and its lines may change indentation as long as
// every line changes it the same way. A line edited inside a block does not match, so it (and any
// remainder too small to count) stays an ordinary review item.
//
// The moved lines keep their own keys (DESIGN.md P3: a line moved elsewhere is unreviewed at its
// new place): the move item carries the keys of the added lines at their new place and of the
// removed lines at their old place, so confirming the move is explicit evidence for exactly those
// keys, and nothing else. Pure.
import type { ChangedLineRef, DiffLine, ReviewItem } from '../diff/model.js';

/** git's COLOR_MOVED_MIN_ALNUM_COUNT. */
export const MIN_ALNUM = 20;
/** A line that occurs more often than this on the removed side does not start a block (keeps it linear). */
const MAX_CANDIDATES = 64;

export interface MoveInfo {
  readonly from: string;
  /** First line of the block in the old file. */
  readonly fromLine: number;
  readonly to: string;
  readonly toLine: number;
  /** Changed lines the move covers (added plus removed). */
  readonly lines: number;
}

export interface WalkItem {
  readonly item: ReviewItem;
  readonly commit?: string;
  readonly move?: MoveInfo;
}

interface Line {
  readonly line: DiffLine;
  readonly ref: ChangedLineRef;
  readonly owner: number;
  readonly norm: string;
  readonly indent: string;
}

const leading = (text: string): string => /^[ \t]*/.exec(text)?.[0] ?? '';

function alnum(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) n++;
  }
  return n;
}

/** How the indentation changed from `removed` to `added`, or null when it is not a pure shift. */
function shift(removedIndent: string, addedIndent: string): string | null {
  if (addedIndent.startsWith(removedIndent)) return `+${addedIndent.slice(removedIndent.length)}`;
  if (removedIndent.startsWith(addedIndent)) return `-${removedIndent.slice(addedIndent.length)}`;
  return null;
}

/** Runs of consecutive lines of one side, per item, with their keys. */
function runs(items: readonly WalkItem[], side: '+' | '-'): Line[][] {
  const out: Line[][] = [];
  items.forEach(({ item }, owner) => {
    const hunk = item.hunk;
    if (item.kind !== 'lines' || !hunk) return;
    const refs = new Map(item.lines.map((r) => [`${r.side}${r.line}`, r]));
    let run: Line[] = [];
    for (const line of hunk.lines) {
      const ref = line.side === side ? refs.get(`${side}${side === '+' ? line.newLine : line.oldLine}`) : undefined;
      if (line.side === side && ref) {
        run.push({ line, ref, owner, norm: line.text.trimStart(), indent: leading(line.text) });
        continue;
      }
      // Any line of the other side or of context ends the run.
      if (run.length > 0) out.push(run);
      run = [];
    }
    if (run.length > 0) out.push(run);
  });
  return out;
}

/** Finds moved blocks and returns the items to walk: moved lines leave their hunks and become one item per block. */
export function withMoves(items: readonly WalkItem[]): WalkItem[] {
  // Moves are found within one commit (range mode reviews commit by commit).
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    const g = groups.get(it.commit ?? '') ?? [];
    g.push(i);
    groups.set(it.commit ?? '', g);
  });
  const moved = new Set<string>();
  const blocks = new Map<number, WalkItem[]>();
  for (const indexes of groups.values()) {
    const group = indexes.map((i) => items[i] as WalkItem);
    for (const block of findBlocks(group)) {
      const owner = indexes[block.owner] as number;
      for (const k of block.item.item.keys) moved.add(k);
      const list = blocks.get(owner) ?? [];
      list.push(block.item);
      blocks.set(owner, list);
    }
  }
  if (moved.size === 0) return [...items];
  const out: WalkItem[] = [];
  items.forEach((it, i) => {
    const lines = it.item.lines.filter((l) => !moved.has(l.key));
    if (lines.length === it.item.lines.length) out.push(it);
    else if (lines.length > 0) {
      const added = lines.filter((l) => l.side === '+').length;
      out.push({ ...it, item: { ...it.item, lines, keys: lines.map((l) => l.key), summary: `+${added} -${lines.length - added} at line ${it.item.hunk?.newStart ?? 0}` } });
    }
    out.push(...(blocks.get(i) ?? []));
  });
  return out;
}

interface Block {
  /** Index (in the group) of the item holding the block's first added line. */
  readonly owner: number;
  readonly item: WalkItem;
}

function findBlocks(group: readonly WalkItem[]): Block[] {
  const removedRuns = runs(group, '-');
  const addedRuns = runs(group, '+');
  if (removedRuns.length === 0 || addedRuns.length === 0) return [];
  const index = new Map<string, [number, number][]>();
  removedRuns.forEach((run, r) =>
    run.forEach((l, p) => {
      if (l.norm === '') return;
      const list = index.get(l.norm) ?? [];
      if (list.length <= MAX_CANDIDATES) list.push([r, p]);
      index.set(l.norm, list);
    }),
  );
  const used = new Set<string>();
  const out: Block[] = [];
  for (const run of addedRuns) {
    let i = 0;
    while (i < run.length) {
      const start = run[i] as Line;
      const candidates = index.get(start.norm) ?? [];
      let best: { r: number; p: number; len: number } | null = null;
      if (candidates.length <= MAX_CANDIDATES) {
        for (const [r, p] of candidates) {
          const removed = removedRuns[r] as Line[];
          const first = removed[p] as Line;
          if (used.has(first.ref.key)) continue;
          const delta = shift(first.indent, start.indent);
          if (delta === null) continue;
          let len = 1;
          while (i + len < run.length && p + len < removed.length) {
            const a = run[i + len] as Line;
            const b = removed[p + len] as Line;
            if (used.has(b.ref.key) || a.norm !== b.norm) break;
            if (a.norm !== '' && shift(b.indent, a.indent) !== delta) break;
            len++;
          }
          if (!best || len > best.len) best = { r, p, len };
        }
      }
      if (best) {
        const added = run.slice(i, i + best.len);
        const removed = (removedRuns[best.r] as Line[]).slice(best.p, best.p + best.len);
        if (added.reduce((n, l) => n + alnum(l.norm), 0) >= MIN_ALNUM) {
          for (const l of removed) used.add(l.ref.key);
          out.push({ owner: start.owner, item: blockItem(group, added, removed) });
          i += best.len;
          continue;
        }
      }
      i++;
    }
  }
  return out;
}

function blockItem(group: readonly WalkItem[], added: readonly Line[], removed: readonly Line[]): WalkItem {
  const to = group[(added[0] as Line).owner] as WalkItem;
  const fromItem = group[(removed[0] as Line).owner] as WalkItem;
  const lines = added.map((l) => l.line);
  const refs = [...added.map((l) => l.ref), ...removed.map((l) => l.ref)];
  const fromLine = (removed[0] as Line).ref.line;
  const toLine = (added[0] as Line).ref.line;
  const move: MoveInfo = { from: fromItem.item.path, fromLine, to: to.item.path, toLine, lines: refs.length };
  const item: ReviewItem = {
    ...to.item,
    hunk: { oldStart: fromLine, oldCount: 0, newStart: toLine, newCount: lines.length, lines },
    lines: refs,
    keys: refs.map((r) => r.key),
    summary: `moved from ${move.from}:${fromLine}, unchanged (${added.length} line${added.length === 1 ? '' : 's'})`,
  };
  return { item, ...(to.commit ? { commit: to.commit } : {}), move };
}
