// One `reviewgate run` at a time per work tree: two at once would each see the other's files as
// changes (voiding both), and fight over the same commands. The second one refuses at once with
// the holder's pid rather than waiting: a test suite can take many minutes. A run killed without
// cleaning up leaves a lock whose process is gone; evidence/lock.ts takes that over.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { acquireLock } from '../evidence/lock.js';

function runLockPath(gitDir: string): string {
  return join(gitDir, 'reviewgate', 'run.lock');
}

export async function acquireRunLock(gitDir: string): Promise<() => Promise<void>> {
  const path = runLockPath(gitDir);
  try {
    // A live holder is never stale by age: a run may last an hour.
    return await acquireLock(path, { timeoutMs: 0, staleMs: Number.POSITIVE_INFINITY });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const holder = await readFile(path, 'utf8')
      .then((text) => JSON.parse(text) as { pid?: number; at?: string })
      .catch(() => ({}) as { pid?: number; at?: string });
    const who = holder.pid ? `process ${holder.pid}${holder.at ? `, started ${holder.at}` : ''}` : 'another process';
    throw new UserError(
      `another reviewgate run is already running in this work tree (${who}); nothing was run`,
      `wait for it to finish, or stop it (kill ${holder.pid ?? '<pid>'}); a lock left by a killed run is taken over automatically`,
      { cause: error },
    );
  }
}
