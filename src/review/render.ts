// Drawing one review item for a person: file header, the hunk with line numbers on both sides,
// and the progress line. Pure: strings in, strings out.
import type { ReviewItem } from '../diff/model.js';
import type { Style } from '../report/style.js';
import { visible } from '../report/visible.js';
import { printable } from './text.js';

const STATUS_WORD: Record<string, string> = {
  added: 'new file',
  modified: 'modified',
  deleted: 'deleted',
  renamed: 'renamed',
  copied: 'copied',
  typechange: 'type changed',
};

export function itemHeader(item: ReviewItem, s: Style): string {
  const f = item.file;
  const status = STATUS_WORD[f.status] ?? f.status;
  const from = f.status === 'renamed' || f.status === 'copied' ? ` (from ${visible(f.oldPath ?? '')})` : '';
  let added = 0;
  let removed = 0;
  for (const l of item.lines) {
    if (l.side === '+') added++;
    else removed++;
  }
  const counts = item.kind === 'lines' ? ` ${s.green(`+${added}`)} ${s.red(`-${removed}`)}` : '';
  return `${s.bold(visible(item.path))}${from} — ${status}${counts}`;
}

function pad(n: number | null, width: number): string {
  return (n === null ? '' : String(n)).padStart(width);
}

export function renderItem(item: ReviewItem, s: Style, reviewed: ReadonlySet<string>): string[] {
  const out = [itemHeader(item, s)];
  if (item.kind !== 'lines' || !item.hunk) {
    out.push(`  ${item.summary}`);
    return out;
  }
  const h = item.hunk;
  out.push(s.cyan(`@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`));
  const width = String(Math.max(h.oldStart + h.oldCount, h.newStart + h.newCount)).length;
  const keyByLine = new Map(item.lines.map((l) => [`${l.side}${l.line}`, l.key]));
  for (const l of h.lines) {
    const nums = `${pad(l.oldLine, width)} ${pad(l.newLine, width)}`;
    const text = printable(l.text);
    if (l.side === ' ') {
      out.push(s.dim(`${nums}   ${text}`));
      continue;
    }
    const key = keyByLine.get(`${l.side}${l.side === '+' ? l.newLine : l.oldLine}`);
    const done = key !== undefined && reviewed.has(key);
    const body = `${nums} ${l.side} ${text}${l.noEol ? s.dim(' ⏎̸ (no newline at end of file)') : ''}`;
    out.push(done ? s.dim(body) : l.side === '+' ? s.green(body) : s.red(body));
  }
  return out;
}

export function progressLine(index: number, total: number, linesLeft: number, s: Style): string {
  return s.dim(`[hunk ${index + 1} of ${total} · ${linesLeft} line${linesLeft === 1 ? '' : 's'} left]`);
}

export const HELP = [
  'y - reviewed: I read every line of this hunk',
  'n - not now: leave it unreviewed',
  'q - quit: keep what was answered so far',
  'c - add a note to this hunk',
  '! - raise a concern: blocks the review gate until resolved',
  '? - this help',
].join('\n');
