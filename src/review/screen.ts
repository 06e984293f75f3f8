// Laying out one screen of the walker: file header, notes and concerns on this hunk, the page of
// the hunk that fits, and the status line. Pure: it returns rows of text already cut to the
// terminal's width, and formats only the rows on screen, so a 10,000-line hunk draws as fast as
// a 10-line one.
import type { ReviewItem } from '../diff/model.js';
import type { Style } from '../report/style.js';
import { itemHeader } from './render.js';
import { displayWidth, fit, printable, wrap } from './text.js';
import type { Segment } from './words.js';

/** Smaller than this, the walker falls back to the plain line-by-line view. */
const MIN_WIDTH = 40;
const MIN_HEIGHT = 10;

export interface ShownComment {
  /** 'flag': the AI advisor's (resolved = answered). */
  readonly kind: 'note' | 'concern' | 'flag';
  readonly id: string;
  readonly by: string;
  readonly text: string;
  readonly resolved: boolean;
}

export interface ScreenInput {
  readonly item: ReviewItem;
  readonly commit?: string;
  /** Extra lines for a change that is not lines (sizes, object ids, modes, targets). */
  readonly details: readonly string[];
  readonly comments: readonly ShownComment[];
  readonly reviewed: ReadonlySet<string>;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly status: string;
  /** The bottom row: the key hints, a prompt being typed, or a message. */
  readonly bottom: string;
  /** Word emphasis of a hunk line (by index), when it has a paired line (words.ts). */
  readonly words?: ReadonlyMap<number, readonly Segment[]>;
  /** "moved from path:line, unchanged" for a moved block (moves.ts). */
  readonly move?: string;
}

export interface Screen {
  readonly rows: string[];
  /** Hunk lines shown whole on this page (what space and b move by). */
  readonly page: number;
  /** The hunk rows on this screen, [from, to) (0, 0 for a change without rows). */
  readonly shown: { readonly from: number; readonly to: number };
}

export function tooSmall(width: number, height: number): boolean {
  return width < MIN_WIDTH || height < MIN_HEIGHT;
}

export function layout(input: ScreenInput, s: Style): Screen {
  const { item, width, height } = input;
  const head: string[] = [];
  if (input.commit) head.push(s.dim(fit(`commit ${input.commit.slice(0, 12)}`, width)));
  head.push(fitStyled(itemHeader(item, s), itemHeader(item, plainish), width));
  if (input.move) head.push(s.cyan(fit(input.move, width)));
  // At most a third of the screen for comments: the code is what is being reviewed.
  const room = Math.max(1, Math.floor(height / 3));
  const comments = input.comments.slice(0, room);
  for (const c of comments) {
    const label = c.kind === 'note' ? 'note' : c.kind === 'flag' ? (c.resolved ? 'AI flag (answered)' : 'AI flag') : c.resolved ? 'concern (resolved)' : 'concern';
    const text = fit(printable(`${label} ${c.id.slice(0, 8)} by ${c.by}: ${c.text}`), width);
    head.push(c.kind !== 'note' && !c.resolved ? s.yellow(text) : s.dim(text));
  }
  if (input.comments.length > comments.length) head.push(s.dim(`… ${input.comments.length - comments.length} more`));

  const foot = [fit(input.status, width), fit(input.bottom, width)];
  const bodyRoom = Math.max(1, height - head.length - foot.length - 1);
  let page = bodyRoom;
  const body: string[] = [];
  const hunk = item.hunk;
  if (item.kind !== 'lines' || !hunk) {
    body.push(fit(`  ${printable(item.summary)}`, width));
    for (const d of input.details) body.push(fit(`  ${printable(d)}`, width));
  } else {
    body.push(s.cyan(fit(`@@ -${hunk.oldStart},${hunk.oldCount} +${hunk.newStart},${hunk.newCount} @@`, width)));
    const shown = hunkRows(input, bodyRoom, s);
    body.push(...shown.rows);
    page = shown.lines;
  }
  const rows = [...head, ...body.slice(0, bodyRoom + 1)];
  while (rows.length < height - foot.length) rows.push('');
  rows.push(s.dim(foot[0] ?? ''), foot[1] ?? '');
  const shown = hunk && item.kind === 'lines' ? { from: input.scroll, to: Math.min(hunk.lines.length, input.scroll + page) } : { from: 0, to: 0 };
  return { rows: rows.slice(0, height), page, shown };
}

const same = (t: string) => t;
const plainish: Style = { red: same, green: same, yellow: same, cyan: same, dim: same, bold: same };

/** Styled text cut to width: cut the plain text and restyle when it does not fit. */
function fitStyled(styled: string, plain: string, width: number): string {
  return displayWidth(plain) <= width ? styled : fit(plain, width);
}

/**
 * The hunk's lines from the pager position, each wrapped to the width (a line is never cut: what
 * is not on screen was not read), until `room` rows are used. A line taller than the whole room
 * shows what fits and says how to see the rest; the walker will not accept its hunk.
 */
function hunkRows(input: ScreenInput, room: number, s: Style): { rows: string[]; lines: number } {
  const { item, reviewed, width } = input;
  const hunk = item.hunk;
  if (!hunk) return { rows: [], lines: 0 };
  const numWidth = String(Math.max(hunk.oldStart + hunk.oldCount, hunk.newStart + hunk.newCount)).length;
  const keyByLine = new Map(item.lines.map((l) => [`${l.side}${l.line}`, l.key]));
  const out: string[] = [];
  let lines = 0;
  for (let i = input.scroll; i < hunk.lines.length && out.length < room; i++) {
    const l = hunk.lines[i];
    if (!l) break;
    const nums = `${pad(l.oldLine, numWidth)} ${pad(l.newLine, numWidth)}`;
    const key = l.side === ' ' ? undefined : keyByLine.get(`${l.side}${l.side === '+' ? l.newLine : l.oldLine}`);
    const done = key !== undefined && reviewed.has(key);
    // The gutter mark keeps "already reviewed" visible without colour (NO_COLOR, screen readers);
    // "m": the line belongs to a moved block, confirmed as its own item.
    const mark = key === undefined ? 'm' : done ? '✓' : ' ';
    const gutter = l.side === ' ' ? `  ${nums}   ` : `${mark} ${nums} ${l.side} `;
    const more = `${' '.repeat(nums.length + 3)}${l.side === ' ' ? ' ' : l.side}↪`;
    const textWidth = Math.max(1, width - displayWidth(gutter));
    const left = room - out.length;
    const { source, cut } = onScreen(l.text, textWidth, left);
    const text = `${printable(source)}${l.noEol && !cut ? ' ⏎̸' : ''}`;
    const shown = wrap(text, textWidth, left);
    const wrapped = cut && !shown.more ? { ...shown, more: true } : shown;
    // A line that does not fit in what is left of the page starts the next page instead.
    if (wrapped.more && lines > 0) break;
    const rows = wrapped.rows.map((r, n) => `${n === 0 ? gutter : more}${r}`);
    if (wrapped.more) rows[rows.length - 1] = fit(`${more}⋯ this line is longer than the screen: widen the terminal, or answer n and read it with git diff`, width);
    const colour = l.side === '+' ? s.green : s.red;
    const words = l.side !== ' ' && !done && key !== undefined && rows.length === 1 && !l.noEol ? input.words?.get(i) : undefined;
    if (words) {
      // Word emphasis on a line that fits on one row: the changed words bold, the rest plain colour.
      out.push(`${colour(gutter)}${words.map((w) => (w.changed ? s.bold(colour(printable(w.text))) : colour(printable(w.text)))).join('')}`);
    } else {
      const paint = (row: string) => (l.side === ' ' ? row : done || key === undefined ? s.dim(row) : s.bold(colour(row)));
      out.push(...rows.map(paint));
    }
    lines += 1;
  }
  return { rows: out, lines: Math.max(1, lines) };
}

/** True when some line of the item wraps to more rows than a page of this screen holds. */
export function tooLongToShow(item: ReviewItem, width: number, height: number): boolean {
  const hunk = item.hunk;
  if (!hunk) return false;
  const room = Math.max(1, height - 5);
  const textWidth = Math.max(1, width - 16);
  return hunk.lines.some((l) => {
    if (l.text.length <= textWidth) return false;
    const { source, cut } = onScreen(l.text, textWidth, room);
    return cut || wrap(printable(source), textWidth, room).more;
  });
}

let examined = 0;

/** Code units of line text the screen has made printable and wrapped so far (its work, for tests). */
export function screenWork(): number {
  return examined;
}

/**
 * The part of a line that can reach `rows` rows of `width` columns: every character takes at
 * least one column, except the rare zero-width ones, so twice the room (and a row more) is
 * plenty. A minified line of megabytes then costs what a page costs. `cut`: there is more,
 * which the screen says (were the shown part all zero-width, "more" errs on the safe side: the
 * walker will not accept a hunk it could not show whole).
 */
function onScreen(text: string, width: number, rows: number): { source: string; cut: boolean } {
  const limit = (rows + 1) * width * 2;
  const cut = text.length > limit;
  const source = cut ? text.slice(0, limit) : text;
  examined += source.length;
  return { source, cut };
}

function pad(n: number | null, width: number): string {
  return (n === null ? '' : String(n)).padStart(width);
}

/** "page 2/5" when the hunk does not fit on one screen. */
export function pageLabel(item: ReviewItem, scroll: number, page: number): string {
  const total = item.hunk?.lines.length ?? 0;
  if (total <= page) return '';
  return ` · lines ${scroll + 1}-${Math.min(total, scroll + page)} of ${total} (space/b to page)`;
}
