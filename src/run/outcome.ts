// What a run produces, and the events a view consumes. Kept apart from the executor and the
// views so that neither imports the other: the executor emits events, a view only listens.
import type { ProcessResult } from './process.js';
import type { OutputTail } from './tail.js';

export interface CommandOutcome {
  readonly command: string;
  readonly result: ProcessResult;
  /** Last lines of output, secrets masked. */
  readonly output: string[];
  /** Tracked files changed (or untracked files created) by the time it ended. */
  readonly changed: string[];
}

export type OutcomeState = 'passed' | 'failed' | 'not found' | 'killed' | 'timed out' | 'void' | 'interrupted';

export function outcomeState(o: Pick<CommandOutcome, 'result' | 'changed'>): OutcomeState {
  if (o.result.interrupted) return 'interrupted';
  if (o.result.timedOut) return 'timed out';
  if (o.changed.length > 0) return 'void';
  if (o.result.exitCode === 0) return 'passed';
  if (o.result.exitCode === 127) return 'not found';
  if (o.result.exitCode === null) return 'killed';
  return 'failed';
}

/** The events of a run, as a view receives them. */
export interface RunView {
  start(id: number, command: string): void;
  output(id: number, chunk: string, stream: 'stdout' | 'stderr', tail: OutputTail): void;
  end(id: number, outcome: CommandOutcome): Promise<void>;
  /** A line of reviewgate's own (skips, notes, the summary). */
  note(line: string): void;
  close(): void;
}
