// Laying out one screen of the walker: file header, notes and concerns on this hunk, the page of
// the hunk that fits, and the status line. Pure: it returns rows of text already cut to the
// terminal's width, and formats only the rows on screen, so a 10,000-line hunk draws as fast as
// a 10-line one.
import type { ReviewItem } from '../diff/model.js';
import type { Style } from '../report/style.js';
import { itemHeader } from './render.js';
import { displayWidth, fit, printable } from './text.js';
import type { Segment } from './words.js';

/** Smaller than this, the walker falls back to the plain line-by-line view. */
export const MIN_WIDTH = 40;
export const MIN_HEIGHT = 10;

export interface ShownComment {
  readonly kind: 'note' | 'concern';
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
  /** Hunk rows that fit on one page (what space and b move by). */
  readonly page: number;
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
    const label = c.kind === 'note' ? 'note' : c.resolved ? 'concern (resolved)' : 'concern';
    const text = fit(printable(`${label} ${c.id.slice(0, 8)} by ${c.by}: ${c.text}`), width);
    head.push(c.kind === 'concern' && !c.resolved ? s.yellow(text) : s.dim(text));
  }
  if (input.comments.length > comments.length) head.push(s.dim(`… ${input.comments.length - comments.length} more`));

  const foot = [fit(input.status, width), fit(input.bottom, width)];
  const page = Math.max(1, height - head.length - foot.length - 1);
  const body: string[] = [];
  const hunk = item.hunk;
  if (item.kind !== 'lines' || !hunk) {
    body.push(fit(`  ${printable(item.summary)}`, width));
    for (const d of input.details) body.push(fit(`  ${printable(d)}`, width));
  } else {
    body.push(s.cyan(fit(`@@ -${hunk.oldStart},${hunk.oldCount} +${hunk.newStart},${hunk.newCount} @@`, width)));
    body.push(...hunkRows(input, page, s));
  }
  const rows = [...head, ...body.slice(0, page + 1)];
  while (rows.length < height - foot.length) rows.push('');
  rows.push(s.dim(foot[0] ?? ''), foot[1] ?? '');
  return { rows: rows.slice(0, height), page };
}

const same = (t: string) => t;
const plainish: Style = { red: same, green: same, yellow: same, cyan: same, dim: same, bold: same };

/** Styled text cut to width: cut the plain text and restyle when it does not fit. */
function fitStyled(styled: string, plain: string, width: number): string {
  return displayWidth(plain) <= width ? styled : fit(plain, width);
}

function hunkRows(input: ScreenInput, page: number, s: Style): string[] {
  const { item, reviewed, width } = input;
  const hunk = item.hunk;
  if (!hunk) return [];
  const numWidth = String(Math.max(hunk.oldStart + hunk.oldCount, hunk.newStart + hunk.newCount)).length;
  const keyByLine = new Map(item.lines.map((l) => [`${l.side}${l.line}`, l.key]));
  const out: string[] = [];
  const end = Math.min(hunk.lines.length, input.scroll + page);
  for (let i = input.scroll; i < end; i++) {
    const l = hunk.lines[i];
    if (!l) break;
    const nums = `${pad(l.oldLine, numWidth)} ${pad(l.newLine, numWidth)}`;
    if (l.side === ' ') {
      out.push(fit(`  ${nums}   ${printable(l.text)}`, width));
      continue;
    }
    const key = keyByLine.get(`${l.side}${l.side === '+' ? l.newLine : l.oldLine}`);
    const done = key !== undefined && reviewed.has(key);
    // The gutter mark keeps "already reviewed" visible without colour (NO_COLOR, screen readers);
    // "m": the line belongs to a moved block, confirmed as its own item.
    const mark = key === undefined ? 'm' : done ? '✓' : ' ';
    const row = fit(`${mark} ${nums} ${l.side} ${printable(l.text)}${l.noEol ? ' ⏎̸' : ''}`, width);
    const colour = l.side === '+' ? s.green : s.red;
    const words = !done && key !== undefined ? input.words?.get(i) : undefined;
    if (words && row === `${mark} ${nums} ${l.side} ${printable(l.text)}`) {
      // Word emphasis only when the whole line fits: the changed words bold, the rest plain colour.
      out.push(`${colour(`${mark} ${nums} ${l.side} `)}${words.map((w) => (w.changed ? s.bold(colour(printable(w.text))) : colour(printable(w.text)))).join('')}`);
    } else out.push(done || key === undefined ? s.dim(row) : s.bold(colour(row)));
  }
  return out;
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
