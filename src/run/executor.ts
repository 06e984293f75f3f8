// Running the configured commands: up to `jobs` at once, each in its own process group, with its
// output tail kept for the record. After each command the work tree is checked: a command that
// ends while tracked files differ from the judged tree did not run on that tree (void).
import { OutputTail } from './tail.js';
import { runProcess } from './process.js';
import { outcomeState, type CommandOutcome, type RunView } from './outcome.js';

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
