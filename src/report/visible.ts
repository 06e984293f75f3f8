// Text that came from a file or a record (a path, a line, a concern, a name) is shown so that
// what a person sees is what is there. Control characters would let it clear the screen, move
// the cursor or overwrite a line with "✓ review"; bidirectional controls and zero-width
// characters would let it show one thing and compile to another (Trojan Source, CVE-2021-42574).
// So every such character is written out: C0 controls in caret notation (ESC is `^[`, a newline
// `^J`), everything else as `⟨U+202E⟩`. Pure.

/** Bidirectional formatting: embeddings, overrides, isolates (the Trojan Source set), and marks. */
const BIDI = '\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c';
/** Zero-width and invisible characters: spaces, joiners, word joiner, invisible operators, BOM. */
const INVISIBLE = '\u200b-\u200d\u2060-\u2064\ufeff\u180e';
/** Line and paragraph separators: JavaScript line terminators a terminal does not break on. */
const SEPARATORS = '\u2028\u2029';

 
const HIDDEN = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f\\u007f\\u0080-\\u009f${BIDI}${INVISIBLE}${SEPARATORS}]`, 'g');
 
const HIDDEN_WITH_TAB = new RegExp(`[\\u0000-\\u001f\\u007f\\u0080-\\u009f${BIDI}${INVISIBLE}${SEPARATORS}]`, 'g');

const RAW_BYTE = /[\udc80-\udcff]/gu;

function show(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `^${String.fromCharCode(code ^ 0x40)}`;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * The text with every control, bidirectional and invisible character written out, on one line
 * (a newline becomes `^J`). Tabs are kept unless `tabs` is false.
 */
export function visible(text: string, tabs = true): string {
  // A path byte that is not UTF-8 (kept as U+DC80 + byte, see git/paths.ts) is shown as git does.
  return text.replace(tabs ? HIDDEN : HIDDEN_WITH_TAB, show).replace(RAW_BYTE, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`);
}

const TROJAN = new RegExp(`[\\u202a-\\u202e\\u2066-\\u2069]`, 'g');
const ZERO_WIDTH = new RegExp(`[\\u200b-\\u200f\\u2060-\\u2064\\u061c\\u180e\\ufeff]`, 'g');

export interface HiddenCharacters {
  /** Bidirectional embeddings, overrides and isolates: what Trojan Source reorders code with. */
  readonly bidi: string[];
  /** Zero-width and invisible characters (a BOM at the very start of a file is not counted). */
  readonly invisible: string[];
}

/** The bidirectional and invisible characters of a line, as `U+XXXX` names (each once). */
const ANY = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\u061c\u180e\ufeff]/;
const NONE: HiddenCharacters = { bidi: [], invisible: [] };

export function hiddenCharacters(text: string, firstLineOfFile = false): HiddenCharacters {
  // Almost every line has none: one test, no allocation (a 100k-line change stays fast).
  if (!ANY.test(text)) return NONE;
  const name = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const bidi = new Set<string>();
  const invisible = new Set<string>();
  for (const m of text.matchAll(TROJAN)) bidi.add(name(m[0]));
  for (const m of text.matchAll(ZERO_WIDTH)) {
    if (m[0] === '\ufeff' && m.index === 0 && firstLineOfFile) continue;
    invisible.add(name(m[0]));
  }
  return { bidi: [...bidi], invisible: [...invisible] };
}
