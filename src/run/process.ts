// Running one command with the shell in its own process group, so that a timeout or Ctrl-C stops
// the command and everything it started (a test runner's workers, a dev server it spawned), not
// just the shell. POSIX only: on Windows `detached` means a new console, and groups do not exist.
import { spawn } from 'node:child_process';

/** How long a process group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

export interface ProcessResult {
  /** Exit code; null when killed by a signal. 127 when the shell could not be started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Killed because it ran longer than timeoutMs. */
  readonly timedOut: boolean;
  /** Stopped because the abort signal fired (Ctrl-C): the result means nothing. */
  readonly interrupted: boolean;
  readonly startedAt: number;
  readonly durationMs: number;
}

export interface ProcessOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command (and its group) after this long; null for no limit. */
  readonly timeoutMs?: number | null;
  readonly graceMs?: number;
  /** Ctrl-C: stop the group and resolve with interrupted: true. */
  readonly abort?: AbortSignal;
  readonly onOutput: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

/** Sends `signal` to every process of the group led by `pid`; false when none is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, SIGKILL to whatever is left after the grace period. */
function stopGroup(pid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return Promise.resolve();
  return new Promise((done) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (!signalGroup(pid, 0)) {
        clearInterval(poll);
        done();
      } else if (Date.now() - started >= graceMs) {
        clearInterval(poll);
        signalGroup(pid, 'SIGKILL');
        done();
      }
    }, 25);
  });
}

export function runProcess(command: string, options: ProcessOptions): Promise<ProcessResult> {
  const graceMs = options.graceMs ?? KILL_GRACE_MS;
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: true,
      detached: true,
      // No stdin: commands of a gate must not wait for input, and a detached group reading the
      // terminal would be stopped by SIGTTIN.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let interrupted = false;
    let exit: { code: number | null; signal: string | null; at: number } | null = null;
    let finished = false;
    const stopping: Promise<void>[] = [];
    const stop = () => {
      if (child.pid !== undefined) stopping.push(stopGroup(child.pid, graceMs));
    };
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          stop();
        }, options.timeoutMs)
      : undefined;
    const onAbort = () => {
      interrupted = true;
      stop();
    };
    options.abort?.addEventListener('abort', onAbort, { once: true });
    if (options.abort?.aborted) onAbort();

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => options.onOutput(chunk, 'stdout'));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => options.onOutput(chunk, 'stderr'));

    const finish = async () => {
      if (finished || !exit) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(linger);
      options.abort?.removeEventListener('abort', onAbort);
      // The shell is gone, but what it started may live on in the group (a server, a watcher):
      // stop it, as CI runners do at the end of a job, so nothing outlives the run.
      if (child.pid !== undefined && signalGroup(child.pid, 0)) stop();
      await Promise.all(stopping);
      resolve({
        exitCode: exit.code,
        signal: exit.signal,
        timedOut,
        interrupted,
        startedAt,
        // Until the command itself ended, not until its leftovers were cleaned up.
        durationMs: exit.at - startedAt,
      });
    };
    let linger: NodeJS.Timeout | undefined;
    child.on('error', () => {
      // The shell itself could not be started: report it the way a shell reports a missing command.
      exit = { code: 127, signal: null, at: Date.now() };
      void finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal, at: Date.now() };
      // A process left in the group keeps our pipes open, so 'close' may never come: give the
      // output a moment to drain, then finish anyway.
      linger = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        void finish();
      }, 300);
    });
    child.on('close', () => void finish());
  });
}
