// Running the configured commands: up to `jobs` at once, each in its own process group, with its
// output tail kept for the record. After each command the work tree is checked: a command that
// ends while tracked files differ from the judged tree did not run on that tree (void).
import { OutputTail } from './tail.js';
import { runProcess, type ProcessResult } from './process.js';
import type { RunView } from './view.js';

export interface CommandOutcome {
  readonly command: string;
  readonly result: ProcessResult;
  /** Last lines of output, secrets masked. */
  readonly output: string[];
  /** Tracked files changed (or untracked files created) by the time it ended. */
  readonly changed: string[];
}

export interface ExecuteOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly jobs: number;
  readonly timeoutMs: number | null;
  readonly abort: AbortSignal;
  readonly view: RunView;
  readonly envSecrets: readonly string[];
  /** What differs from the judged tree now. */
  readonly changes: () => Promise<string[]>;
  readonly graceMs?: number;
  readonly tailLines?: number;
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

/**
 * Runs `commands` and resolves with one outcome per command started, in configuration order.
 * After a failure (or Ctrl-C) no new command starts; those already running finish and count.
 */
export async function executeCommands(commands: readonly string[], options: ExecuteOptions): Promise<CommandOutcome[]> {
  const outcomes: (CommandOutcome | undefined)[] = new Array(commands.length);
  let next = 0;
  let stop = false;
  const worker = async () => {
    while (!stop && !options.abort.aborted && next < commands.length) {
      const index = next++;
      const command = commands[index] as string;
      const outcome = await executeOne(index, command, options);
      outcomes[index] = outcome;
      if (outcomeState(outcome) !== 'passed') stop = true;
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.jobs, commands.length)) }, worker);
  await Promise.all(workers);
  return outcomes.filter((o): o is CommandOutcome => o !== undefined);
}

export async function executeOne(id: number, command: string, options: ExecuteOptions): Promise<CommandOutcome> {
  const tail = new OutputTail(options.tailLines ?? 50, options.envSecrets);
  options.view.start(id, command);
  const result = await runProcess(command, {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
    graceMs: options.graceMs,
    abort: options.abort,
    onOutput: (chunk, stream) => {
      tail.push(chunk);
      options.view.output(id, chunk, stream, tail);
    },
  });
  const changed = result.interrupted ? [] : await options.changes();
  const outcome: CommandOutcome = { command, result, output: tail.lines(), changed };
  await options.view.end(id, outcome);
  return outcome;
}
