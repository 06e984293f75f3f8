// Fitting file content onto a terminal: control characters made visible, tabs expanded, and
// lines cut to the screen's width by display columns (wide CJK and emoji take two, combining
// marks none). Pure.

/** A terminal must never receive raw control characters from file content. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000a-\u001f\u007f\u0080-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `^${String.fromCharCode(code ^ 0x40)}` : '\ufffd';
  });
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
