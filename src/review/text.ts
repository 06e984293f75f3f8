// Fitting file content onto a terminal: control characters made visible, tabs expanded, and
// lines cut to the screen's width by display columns (wide CJK and emoji take two, combining
// marks none). Pure.
import { visible } from '../report/visible.js';

/**
 * A terminal must never receive raw control characters from file content, and a person must see
 * bidirectional and zero-width characters (Trojan Source): both are written out (see visible.ts).
 */
export function printable(text: string): string {
  return visible(text.replace(/\t/g, '    '));
}

function columns(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += columns(ch.codePointAt(0) ?? 0);
  return w;
}

/**
 * The text cut to `width` columns, ending in "…" when something was cut. Only the first
 * `width * 2` characters are looked at: a 1 MB minified line costs no more than a short one.
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const head = text.length > width * 2 + 2 ? text.slice(0, width * 2 + 2) : text;
  if (head === text && displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of head) {
    const c = columns(ch.codePointAt(0) ?? 0);
    if (w + c > width - 1) break;
    out += ch;
    w += c;
  }
  return `${out}…`;
}

/**
 * The text broken into rows of at most `width` columns, at most `maxRows` of them; `more` says
 * something was left over. Only what fits is looked at, so a 1 MB line costs one screen.
 */
export function wrap(text: string, width: number, maxRows: number): { rows: string[]; more: boolean } {
  const rows: string[] = [];
  if (width <= 0 || maxRows <= 0) return { rows, more: text.length > 0 };
  let row = '';
  let w = 0;
  for (const ch of text) {
    const c = columns(ch.codePointAt(0) ?? 0);
    if (w + c > width) {
      rows.push(row);
      if (rows.length === maxRows) return { rows, more: true };
      row = '';
      w = 0;
    }
    row += ch;
    w += c;
  }
  rows.push(row);
  return { rows, more: false };
}
