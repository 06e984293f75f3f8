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
