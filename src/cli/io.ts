// What a command line runs with: its working directory, environment and standard streams.
// The commands still read them from `process` (process.cwd(), process.env, process.stdout, ...);
// bindProcess points those at a given CliIo for the duration of one in-process run and puts
// the process's own back afterwards. Commands can move to reading a CliIo passed in one at a
// time, without changing what runCli's callers see.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** A terminal is one with `isTTY: true`; anything else reads as piped input. */
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
}

// Listeners a command adds for these and does not remove would outlive its run.
const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit'] as const;

/**
 * Makes `process` look like `io` (cwd, env, stdin, stdout, stderr) and returns the function that
 * restores it, removing the signal and exit listeners added meanwhile. Not for worker threads
 * (they cannot chdir); runCli runs one bound command line at a time.
 */
export function bindProcess(io: CliIo): () => void {
  const cwd = process.cwd();
  const env = { ...process.env };
  const exitCode = process.exitCode;
  const streams = (['stdin', 'stdout', 'stderr'] as const).map((name) => [name, Object.getOwnPropertyDescriptor(process, name)] as const);
  const listeners = PROCESS_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)] as const);

  process.chdir(io.cwd);
  replaceEnv(io.env);
  for (const name of ['stdin', 'stdout', 'stderr'] as const) {
    Object.defineProperty(process, name, { value: io[name], configurable: true, enumerable: true, writable: false });
  }

  return () => {
    for (const [name, descriptor] of streams) {
      if (descriptor) Object.defineProperty(process, name, descriptor);
    }
    replaceEnv(env);
    process.chdir(cwd);
    process.exitCode = exitCode;
    for (const [event, before] of listeners) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.includes(listener)) process.removeListener(event, listener as () => void);
      }
    }
  };
}

/** process.env is changed in place: child processes and code holding a reference see the same object. */
function replaceEnv(next: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in next)) delete process.env[key];
  for (const [key, value] of Object.entries(next)) if (value !== undefined) process.env[key] = value;
}
