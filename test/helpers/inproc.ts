// The CLI called in the test process (runCli with its own cwd, environment and streams) instead of
// a node process per call: the same arguments, environment, stdin and result as cli.ts's
// runCli, without node's start-up. Tests of the bin itself, of hooks, terminals and signals keep
// spawning it (cli.ts).
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/entry.js';
import type { CliResult } from './cli.js';
import { cleanEnv } from './repo.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/**
 * `reviewgate <args>` in `cwd`, as cli.ts's runCli runs it (stdin is `input`, or empty);
 * `unset` removes variables from the environment it would otherwise inherit.
 */
export async function runInProcess(cwd: string, args: string[], options: { input?: string; env?: Record<string, string>; unset?: readonly string[] } = {}): Promise<CliResult> {
  const stdout = new Collect();
  const stderr = new Collect();
  const stdin = Readable.from(options.input ? [Buffer.from(options.input)] : [], { objectMode: false });
  const env = cleanEnv(options.env);
  for (const key of options.unset ?? []) delete env[key];
  const code = await runCli(args, { cwd, env, stdin, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
