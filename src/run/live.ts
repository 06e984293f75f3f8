// The live view on a terminal: one line per command (spinner, elapsed time, state), the last few
// output lines of each running command below it, and the tail of a failed command's output kept
// above the block. Hand-written ANSI redraw rather than a library (log-update, listr2): all it
// needs is "move up N lines, clear to the end, write", about a dozen lines, and the libraries
// bring five or more transitive packages into a tool that is installed in every project. Lines
// are cut to the terminal width so the line count we move up by stays right (a wide CJK
// character may still wrap a line early; the next redraw repairs it).
import { stripVTControlCharacters } from 'node:util';
import type { Style } from '../report/style.js';
import { formatDuration } from './duration.js';
import type { CommandOutcome, RunView } from './outcome.js';
import type { OutputTail } from './tail.js';
import { describeOutcome } from './view.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FAILURE_TAIL = 20;

export interface LiveRow {
  readonly command: string;
  readonly startedAt: number;
  /** Set when it ended: its verdict line. */
  readonly done?: string;
  readonly tail?: OutputTail;
}

/** The status block for the given rows (pure, for tests): what a redraw writes. */
export function renderBlock(rows: readonly LiveRow[], now: number, frame: number, width: number, s: Style): string[] {
  const running = rows.filter((r) => !r.done).length;
  const tailLines = running > 1 ? 2 : 3;
  const lines: string[] = [];
  for (const row of rows) {
    if (row.done) {
      lines.push(fit(row.done, width));
      continue;
    }
    const spinner = s.cyan(FRAMES[frame % FRAMES.length] as string);
    lines.push(fit(`${spinner} ${row.command} ${s.dim(`${formatDuration(now - row.startedAt)} · running`)}`, width));
    for (const out of row.tail?.lines(tailLines) ?? []) lines.push(s.dim(fit(`    ${out}`, width)));
  }
  return lines;
}

/** Cuts a line to `width` visible columns (escape sequences do not count, and are kept). */
export function fit(line: string, width: number): string {
  const max = Math.max(10, width - 1);
  if ([...stripVTControlCharacters(line)].length <= max) return line;
  // Cut the plain text; colour codes of a cut line are dropped (the reset would be cut too).
  return `${[...stripVTControlCharacters(line)].slice(0, max - 1).join('')}…`;
}

export class LiveView implements RunView {
  private readonly rows = new Map<number, LiveRow>();
  private height = 0;
  private frame = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly showCursor = () => this.stream.write('\x1b[?25h');

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly style: Style,
    private readonly timeoutMs: number | null,
  ) {
    this.stream.write('\x1b[?25l');
    // Whatever happens, the cursor comes back.
    process.once('exit', this.showCursor);
    this.timer = setInterval(() => {
      this.frame += 1;
      this.draw();
    }, 80);
    this.timer.unref();
  }

  start(id: number, command: string): void {
    this.rows.set(id, { command, startedAt: Date.now() });
    this.draw();
  }

  output(id: number, _chunk: string, _stream: 'stdout' | 'stderr', tail: OutputTail): void {
    const row = this.rows.get(id);
    if (row && !row.tail) this.rows.set(id, { ...row, tail });
  }

  end(id: number, outcome: CommandOutcome): Promise<void> {
    const row = this.rows.get(id);
    const verdict = describeOutcome(outcome, this.timeoutMs, this.style);
    if (outcome.result.exitCode !== 0 || outcome.result.timedOut || outcome.changed.length > 0) {
      // A failure's output stays on screen above the block, with its verdict.
      const tail = outcome.output.slice(-FAILURE_TAIL).map((l) => this.style.dim(`    ${l}`));
      this.above([verdict, ...(tail.length > 0 ? [this.style.dim(`  last ${tail.length} lines of output:`), ...tail] : [])]);
    }
    if (row) this.rows.set(id, { ...row, done: verdict, tail: undefined });
    this.draw();
    return Promise.resolve();
  }

  note(line: string): void {
    this.above([line]);
  }

  close(): void {
    clearInterval(this.timer);
    this.draw();
    this.height = 0; // the final block stays as the summary
    this.showCursor();
    process.removeListener('exit', this.showCursor);
  }

  private clear(): void {
    if (this.height > 0) this.stream.write(`\x1b[${this.height}A\r\x1b[J`);
    this.height = 0;
  }

  private above(lines: readonly string[]): void {
    this.clear();
    const width = this.stream.columns || 80;
    this.stream.write(lines.map((l) => `${fit(l, width)}\n`).join(''));
    this.draw();
  }

  private draw(): void {
    const lines = renderBlock([...this.rows.values()], Date.now(), this.frame, this.stream.columns || 80, this.style);
    this.clear();
    if (lines.length > 0) this.stream.write(`${lines.join('\n')}\n`);
    this.height = lines.length;
  }
}
