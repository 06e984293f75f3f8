// The last lines of a command's output, kept in bounded memory however much it prints: a ring
// of complete lines plus the line being written, which is capped (a megabyte without a newline
// must not grow without bound). Lines are stored without terminal escapes and with secrets masked.
import { stripVTControlCharacters } from 'node:util';
import { maskSecrets } from './mask.js';

/** Longest partial line kept while waiting for its newline; the rest of it is dropped. */
const MAX_PARTIAL = 64 * 1024;
/** Longest line kept in the tail (records stay small; one line is rarely worth more). */
const MAX_LINE = 500;

export class OutputTail {
  private readonly ring: string[] = [];
  private partial = '';
  private partialCut = false;

  constructor(
    private readonly size = 50,
    private readonly envSecrets: readonly string[] = [],
  ) {}

  push(chunk: string): void {
    let text = chunk;
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl < 0) break;
      this.addPartial(text.slice(0, nl));
      this.flushLine();
      text = text.slice(nl + 1);
    }
    this.addPartial(text);
  }

  /** The kept lines, oldest first, including an unterminated last line. */
  lines(count = this.size): string[] {
    const all = this.partial !== '' ? [...this.ring, this.clean(this.partial, this.partialCut)] : [...this.ring];
    return all.slice(-count);
  }

  private addPartial(text: string): void {
    if (this.partial.length >= MAX_PARTIAL) {
      this.partialCut ||= text.length > 0;
      return;
    }
    this.partial += text;
    if (this.partial.length > MAX_PARTIAL) {
      this.partial = this.partial.slice(0, MAX_PARTIAL);
      this.partialCut = true;
    }
  }

  private flushLine(): void {
    this.ring.push(this.clean(this.partial, this.partialCut));
    if (this.ring.length > this.size) this.ring.shift();
    this.partial = '';
    this.partialCut = false;
  }

  private clean(line: string, cut: boolean): string {
    // \r: progress bars redraw one line; what counts is what it said last.
    const last = line.replace(/\r+$/, '').split('\r').at(-1) ?? '';
    const masked = maskSecrets(stripVTControlCharacters(last), this.envSecrets);
    return masked.length > MAX_LINE || cut ? `${masked.slice(0, MAX_LINE)}…` : masked;
  }
}
