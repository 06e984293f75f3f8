// The one place that spawns git. Every git call of reviewgate goes through a Git instance made
// once per command with an explicit working directory.
//
// Why not simple-git: it adds about 13 ms to start-up (measured on a bundled build against
// `node -e 0`), a third of `check`'s whole budget, and we need what it does not give simply:
// byte-exact Buffer output (paths and lines that are not valid UTF-8 must round-trip into the
// fingerprints) and writing to git's stdin (`cat-file --batch`). The environment is inherited,
// never replaced: inside hooks git sets GIT_INDEX_FILE, GIT_DIR and friends, and those must reach
// the child.
import { spawn } from 'node:child_process';
import { GitError } from '../errors.js';
import { splitZPaths } from './paths.js';

export interface GitRunOptions {
  /** Written to git's stdin. */
  readonly input?: string | Buffer;
  /** Exit codes other than 0 that are answers, not failures (e.g. 1 for `diff --quiet`). */
  readonly okCodes?: readonly number[];
  /** Extra environment variables (added to the inherited environment). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface GitResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly code: number;
}

// Options that pin git's output format whatever the user's configuration says.
const PINNED = ['-c', 'core.quotepath=false', '-c', 'color.ui=false', '-c', 'core.safecrlf=false'];

export class Git {
  constructor(readonly cwd: string) {}

  /** Runs git and resolves with its output; rejects with GitError on an unexpected exit code. */
  run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    const fullArgs = [...PINNED, ...args];
    return new Promise((resolve, reject) => {
      const child = spawn('git', fullArgs, {
        cwd: this.cwd,
        // Read commands must not refresh (write) the index behind the user's back.
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) =>
        reject(new GitError(`could not run git: ${error.message}`, args, '', { cause: error })),
      );
      child.on('close', (code, signal) => {
        const stderr = Buffer.concat(err).toString('utf8');
        const exit = code ?? 128;
        if (exit === 0 || options.okCodes?.includes(exit)) {
          resolve({ stdout: Buffer.concat(out), stderr, code: exit });
        } else {
          const what = signal ? `killed by ${signal}` : `exit ${exit}`;
          reject(new GitError(`git ${args.join(' ')} failed (${what}): ${stderr.trim()}`, args, stderr));
        }
      });
      child.stdin.on('error', () => {
        /* git may exit before reading all of stdin; the exit code tells the story */
      });
      child.stdin.end(options.input ?? '');
    });
  }

  /** Runs git and returns stdout as UTF-8 text with the trailing newline removed. */
  async text(args: readonly string[], options?: GitRunOptions): Promise<string> {
    const { stdout } = await this.run(args, options);
    return stdout.toString('utf8').replace(/\n$/, '');
  }
}

/** Splits NUL-terminated output (`-z`) into fields; a trailing empty field is dropped. */
export function splitZ(output: Buffer | string): string[] {
  // Paths are decoded losslessly (paths.ts): two names differing only in invalid bytes stay apart.
  const parts = typeof output === 'string' ? output.split('\0') : splitZPaths(output);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
