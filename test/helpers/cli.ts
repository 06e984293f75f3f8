// Spawning the built bin, as a user (or a hook) would. `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './repo.js';

export const BIN = fileURLToPath(new URL('../../bin/reviewgate.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(DIST)) throw new Error('dist/cli.cjs is missing: run `npm run build` (npm test does it for you)');
}

export function runCli(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: cleanEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `reviewgate review` on a real pseudo-terminal (`script`), one key at a time with a pause
 * between them, as a person types: review refuses piped answers by default, and keys that
 * arrive before their screen is drawn are not a person's.
 */
export function reviewOnTerminal(cwd: string, keys: readonly string[], options: { env?: Record<string, string>; pauseMs?: number } = {}): CliResult {
  assertBuilt();
  const pause = ((options.pauseMs ?? 400) / 1000).toFixed(2);
  const feed = keys.map((k) => `sleep ${pause}; printf '%s' ${JSON.stringify(k)}`).join('; ');
  const inner = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review`;
  // The trailing sleep keeps the terminal open until the walker has read the last key.
  const result = spawnSync('bash', ['-c', `(${feed}; sleep 2) | script -qefc ${JSON.stringify(inner)} /dev/null`], {
    cwd,
    env: cleanEnv({ TERM: 'xterm-256color', COLUMNS: '100', LINES: '30', ...options.env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
