// Parser of the patch half of `git diff-index|diff-tree -z --patch-with-raw --full-index -U<n>`:
// git's "git diff" patch format (extended headers, then unified hunks). `-z` does not change the
// patch text, only the raw records before it (see parse.ts). Paths are never read from here: the
// header paths are C-quoted, and unquoted ones with spaces are ambiguous
// ("diff --git a/a b/c b/a b/c"); parse.ts takes exact paths from the raw records instead.
//
// Linear in the size of the output: each line is visited once, and hunk bodies are consumed by
// their @@ counts, so a content line can never be mistaken for a header ("diff --git" inside a
// file is still prefixed by ' ', '+' or '-').
import type { DiffLine, Hunk } from './model.js';

/** One `diff --git` block, or one `* Unmerged path` line. */
export interface PatchBlock {
  /** Byte offset of the block's first line, for error messages. */
  readonly offset: number;
  readonly unmergedPath: string | null;
  readonly oldMode: string | null;
  readonly newMode: string | null;
  readonly deletedFileMode: string | null;
  readonly newFileMode: string | null;
  /** From the `index <old>..<new>` line: present exactly when the object ids differ. */
  readonly index: { readonly oldOid: string; readonly newOid: string } | null;
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A hunk line as parsed: its bytes stay where they are in git's output, and `raw` makes a view
 * of them only when asked. A change of 100,000 lines would otherwise hold 100,000 Buffer objects
 * that only the fingerprints read, and they copy the bytes straight from the output (writeTo).
 */
export class PatchLine implements DiffLine {
  noEol = false;
  readonly #source: Buffer;
  readonly #start: number;
  readonly #end: number;
  constructor(
    readonly side: '+' | '-' | ' ',
    readonly text: string,
    readonly oldLine: number | null,
    readonly newLine: number | null,
    source: Buffer,
    start: number,
    end: number,
  ) {
    this.#source = source;
    this.#start = start;
    this.#end = end;
  }
  get raw(): Buffer {
    return this.#source.subarray(this.#start, this.#end);
  }
  /** The number of bytes of the line (without its newline). */
  get size(): number {
    return this.#end - this.#start;
  }
  /** Copies the line's bytes into `target` at `at`; returns how many. */
  writeTo(target: Buffer, at: number): number {
    const source = this.#source;
    const end = this.#end;
    // Lines are short: a plain loop beats Buffer#copy's argument handling (profiled on 100k lines).
    if (end - this.#start > 256) return source.copy(target, at, this.#start, end);
    let to = at;
    for (let i = this.#start; i < end; i++) target[to++] = source[i] as number;
    return to - at;
  }
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const PLUS = 0x2b;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;

export function diffParseError(output: Buffer, offset: number, problem: string): Error {
  const end = output.indexOf(NEWLINE, offset);
  const line = output.toString('utf8', offset, end === -1 ? output.length : Math.min(end, offset + 120));
  return new Error(`unexpected git diff output at byte ${offset} (${problem}): ${JSON.stringify(line)}`);
}

class Lines {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
  ) {
    this.pos = start;
  }
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  /** The next line as [start, end) without its newline; advances past it. */
  next(): [number, number] {
    const start = this.pos;
    const nl = this.buf.indexOf(NEWLINE, start);
    const end = nl === -1 ? this.buf.length : nl;
    this.pos = end + 1;
    return [start, end];
  }
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const INDEX_LINE = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: [0-7]{6})?$/;
const MODE_LINE = /^(old mode|new mode|deleted file mode|new file mode) ([0-7]{6})$/;
// Extended header lines whose facts parse.ts takes from the raw records instead.
const IGNORED_HEADER =
  /^(similarity index |dissimilarity index |rename from |rename to |copy from |copy to |--- |\+\+\+ )/;

export function parsePatch(output: Buffer, start: number): PatchBlock[] {
  const blocks: PatchBlock[] = [];
  const lines = new Lines(output, start);
  let block: Mutable<PatchBlock> | null = null;
  let hunks: Hunk[] = [];
  while (!lines.done()) {
    const [s, e] = lines.next();
    const line = output.toString('utf8', s, e);
    if (line.startsWith('diff --git ')) {
      hunks = [];
      block = { ...emptyBlock(s), hunks };
      blocks.push(block);
    } else if (line.startsWith('* Unmerged path ')) {
      // diff-index --cached prints this instead of a patch for a conflicted path.
      blocks.push({ ...emptyBlock(s), unmergedPath: line.slice('* Unmerged path '.length) });
      block = null;
    } else if (block === null) {
      throw diffParseError(output, s, 'expected "diff --git"');
    } else if (line.startsWith('@@ ')) {
      hunks.push(parseHunk(output, s, line, lines));
    } else if (hunks.length > 0) {
      throw diffParseError(output, s, 'header line after a hunk');
    } else {
      readHeaderLine(output, s, line, block);
    }
  }
  return blocks;
}

function emptyBlock(offset: number): PatchBlock {
  return {
    offset,
    unmergedPath: null,
    oldMode: null,
    newMode: null,
    deletedFileMode: null,
    newFileMode: null,
    index: null,
    binary: false,
    hunks: [],
  };
}

function readHeaderLine(output: Buffer, offset: number, line: string, block: Mutable<PatchBlock>): void {
  const mode = MODE_LINE.exec(line);
  if (mode) {
    const value = mode[2] ?? null;
    if (mode[1] === 'old mode') block.oldMode = value;
    else if (mode[1] === 'new mode') block.newMode = value;
    else if (mode[1] === 'deleted file mode') block.deletedFileMode = value;
    else block.newFileMode = value;
    return;
  }
  const index = INDEX_LINE.exec(line);
  if (index) {
    block.index = { oldOid: index[1] ?? '', newOid: index[2] ?? '' };
    return;
  }
  if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
    block.binary = true;
    return;
  }
  if (IGNORED_HEADER.test(line)) return;
  // Anything else ("GIT binary patch" from a --binary we never pass, a future header): fail
  // closed rather than guess what the change was.
  throw diffParseError(output, offset, 'unknown patch header line');
}

function parseHunk(output: Buffer, offset: number, header: string, lines: Lines): Hunk {
  const m = HUNK_HEADER.exec(header);
  if (!m) throw diffParseError(output, offset, 'bad hunk header');
  const oldStart = Number(m[1]);
  const oldCount = m[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m[3]);
  const newCount = m[4] === undefined ? 1 : Number(m[4]);
  let oldLeft = oldCount;
  let newLeft = newCount;
  let oldLine = oldStart;
  let newLine = newStart;
  const body: PatchLine[] = [];
  while (true) {
    if (lines.done()) {
      if (oldLeft > 0 || newLeft > 0) throw diffParseError(output, offset, 'hunk cut short');
      break;
    }
    // "\ No newline at end of file" marks the line before it, and may follow the hunk's last line.
    if (output[lines.pos] === BACKSLASH) {
      const [s] = lines.next();
      const last = body[body.length - 1];
      if (!last) throw diffParseError(output, s, 'no-newline marker without a line');
      last.noEol = true;
      continue;
    }
    if (oldLeft === 0 && newLeft === 0) break;
    const [s, e] = lines.next();
    // diff.suppressBlankEmpty=true prints an empty context line as "" instead of " ".
    const mark = s === e ? SPACE : output[s];
    const start = Math.min(s + 1, e);
    const text = output.toString('utf8', start, e);
    if (mark === SPACE && oldLeft > 0 && newLeft > 0) {
      body.push(new PatchLine(' ', text, oldLine++, newLine++, output, start, e));
      oldLeft--;
      newLeft--;
    } else if (mark === MINUS && oldLeft > 0) {
      body.push(new PatchLine('-', text, oldLine++, null, output, start, e));
      oldLeft--;
    } else if (mark === PLUS && newLeft > 0) {
      body.push(new PatchLine('+', text, null, newLine++, output, start, e));
      newLeft--;
    } else {
      throw diffParseError(output, s, 'line does not fit the hunk counts');
    }
  }
  return { oldStart, oldCount, newStart, newCount, lines: body };
}
