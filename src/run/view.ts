// How a run shows its progress. Two views: live.ts redraws a status block on a terminal; the
// plain view here prints line by line for CI logs and pipes. With one job a command's output
// streams through as it comes; with several, each command's output is spooled to a temporary
// file and printed as one block when it ends, so parallel logs stay readable (a file, not
// memory: a command may print megabytes). A block goes to stderr with its header and verdict:
// split over two pipes, a log reader could show them in a different order.
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Style } from '../report/style.js';
import { formatDuration } from './duration.js';
import { outcomeState, type CommandOutcome, type RunView } from './outcome.js';

/** The one-line verdict of a command: `✓ npm test (3.2s)`, `✗ npm test timed out after 90s`. */
export function describeOutcome(o: CommandOutcome, timeoutMs: number | null, s: Style): string {
  const took = formatDuration(o.result.durationMs);
  switch (outcomeState(o)) {
    case 'passed':
      return `${s.green('✓')} ${o.command} ${s.dim(`(${took})`)}`;
    case 'interrupted':
      return s.yellow(`■ ${o.command} stopped (Ctrl-C) after ${took}; not recorded`);
    case 'timed out':
      return s.red(`✗ ${o.command} timed out after ${formatDuration(timeoutMs ?? o.result.durationMs)}; stopped it and its child processes`);
    case 'void':
      return s.red(`✗ ${o.command} changed files while running (${o.changed.join(', ')}): the run is void`);
    case 'not found':
      return s.red(`✗ ${o.command}: command not found (exit 127, ${took})`);
    case 'killed':
      return s.red(`✗ ${o.command} killed by ${o.result.signal ?? 'a signal'} (${took})`);
    case 'failed':
      return s.red(`✗ ${o.command} failed with exit ${o.result.exitCode} (${took})`);
  }
}

export interface PlainViewOptions {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly grouped: boolean;
  readonly style: Style;
  readonly timeoutMs: number | null;
}

export class PlainView implements RunView {
  private readonly spools = new Map<number, { path: string; stream: WriteStream }>();
  private spoolDir: string | undefined;
  // Blocks are printed one at a time even when two commands end together.
  private printing: Promise<void> = Promise.resolve();

  constructor(private readonly options: PlainViewOptions) {}

  start(id: number, command: string): void {
    this.options.err.write(`${this.options.style.bold(`▶ ${command}`)}\n`);
    if (!this.options.grouped) return;
    this.spoolDir ??= mkdtempSync(join(tmpdir(), 'reviewgate-output-'));
    const path = join(this.spoolDir, `${id}.log`);
    this.spools.set(id, { path, stream: createWriteStream(path) });
  }

  output(id: number, chunk: string, stream: 'stdout' | 'stderr'): void {
    const spool = this.spools.get(id);
    if (spool) spool.stream.write(chunk);
    else (stream === 'stdout' ? this.options.out : this.options.err).write(chunk);
  }

  end(id: number, outcome: CommandOutcome): Promise<void> {
    const spool = this.spools.get(id);
    const print = async () => {
      if (spool) {
        spool.stream.end();
        await once(spool.stream, 'close');
        this.options.err.write(this.options.style.dim(`── output of ${outcome.command} ──\n`));
        let last = '\n';
        for await (const chunk of createReadStream(spool.path, { encoding: 'utf8' })) {
          last = chunk as string;
          if (!this.options.err.write(chunk)) await once(this.options.err, 'drain');
        }
        if (!last.endsWith('\n')) this.options.err.write('\n');
        this.spools.delete(id);
      }
      this.options.err.write(`${describeOutcome(outcome, this.options.timeoutMs, this.options.style)}\n`);
    };
    this.printing = this.printing.then(print);
    return this.printing;
  }

  note(line: string): void {
    this.options.err.write(`${line}\n`);
  }

  close(): void {
    for (const spool of this.spools.values()) spool.stream.destroy();
    if (this.spoolDir) rmSync(this.spoolDir, { recursive: true, force: true });
  }
}
