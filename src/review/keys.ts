// Decoding what a terminal in raw mode sends into key names, and a one-line text editor for the
// walker's prompts (note, concern, resolution, go to file). Pure: bytes in, keys out. A chunk
// may hold several keys (typed fast, or pasted), so it is decoded as a sequence.

export type Key =
  | 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end'
  | 'enter' | 'escape' | 'backspace' | 'tab'
  | 'ctrl-c' | 'ctrl-d' | 'ctrl-z' | 'ctrl-l'
  | 'focus-in' | 'focus-out'
  | { readonly char: string };

// CSI sequences xterm-compatible terminals (and tmux) send; `\x1bO?` is the application-cursor
// variant some terminals use for arrows.
const SEQUENCES: readonly [string, Key][] = [
  ['\x1b[A', 'up'], ['\x1bOA', 'up'], ['\x1b[B', 'down'], ['\x1bOB', 'down'],
  ['\x1b[C', 'right'], ['\x1bOC', 'right'], ['\x1b[D', 'left'], ['\x1bOD', 'left'],
  ['\x1b[5~', 'pageup'], ['\x1b[6~', 'pagedown'],
  ['\x1b[H', 'home'], ['\x1b[1~', 'home'], ['\x1b[F', 'end'], ['\x1b[4~', 'end'],
  // Focus reporting (enabled with CSI ? 1004 h): the terminal lost or regained focus.
  ['\x1b[I', 'focus-in'], ['\x1b[O', 'focus-out'],
];

const CONTROL: Readonly<Record<string, Key>> = {
  '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace',
  '\x03': 'ctrl-c', '\x04': 'ctrl-d', '\x1a': 'ctrl-z', '\x0c': 'ctrl-l',
};

export function decodeKeys(data: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === '\x1b') {
      const seq = SEQUENCES.find(([s]) => data.startsWith(s, i));
      if (seq) {
        keys.push(seq[1]);
        i += seq[0].length;
        continue;
      }
      // An unknown sequence: skip the CSI parameters so its letters are not read as answers.
      // eslint-disable-next-line no-control-regex
      const csi = /^\x1b\[[0-9;?]*[ -/]*[@-~]/.exec(data.slice(i));
      if (csi) {
        i += csi[0].length;
        continue;
      }
      keys.push('escape');
      i += 1;
      continue;
    }
    const ch = String.fromCodePoint(data.codePointAt(i) ?? 0);
    const control = CONTROL[ch];
    if (control) keys.push(control);
    else if (ch >= ' ') keys.push({ char: ch });
    i += ch.length;
  }
  return keys;
}

/** The key as one character, or null for named keys. */
export function charOf(key: Key): string | null {
  return typeof key === 'object' ? key.char : null;
}

export interface LineEdit {
  readonly text: string;
  readonly done: 'submit' | 'cancel' | null;
}

/** One key applied to a prompt's text: Enter submits, Escape or Ctrl-C cancels. */
export function editLine(text: string, key: Key): LineEdit {
  if (key === 'enter') return { text, done: 'submit' };
  if (key === 'escape' || key === 'ctrl-c') return { text, done: 'cancel' };
  if (key === 'backspace') return { text: [...text].slice(0, -1).join(''), done: null };
  const ch = charOf(key);
  return { text: ch === null ? text : text + ch, done: null };
}
