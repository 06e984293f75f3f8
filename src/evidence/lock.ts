// A cross-process lock: a file that exactly one process can create. It is written in full to a
// private temporary file and then hard-linked into place — link() fails with EEXIST like an
// O_EXCL create, but the lock never exists half-written (a holder killed between create and write
// would otherwise leave an empty, unidentifiable lock). It holds {pid, host, token, at} so a waiter can tell a live holder from a dead one: a holder
// killed with SIGKILL leaves its lock behind, and the next writer must be able to break it.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  readonly timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (the critical sections take milliseconds). */
  readonly staleMs?: number;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly at: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` holding the lock file at `lockPath` (its folder is created if needed). */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(lockPath, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Takes the lock, waiting with backoff; resolves with the function that releases it. */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  await mkdir(dirname(lockPath), { recursive: true });
  const me: Holder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  // The writer's pid is in the name: a writer killed before its unlink leaves a file that the next
  // one removes (even a zero-byte one, killed between create and write).
  await removeDeadTemps(dirname(lockPath), `${basename(lockPath)}.`);
  const mine = `${lockPath}.${process.pid}.${me.token}.tmp`;
  await writeFile(mine, JSON.stringify(me), { flag: 'wx' });
  try {
    for (;;) {
      if (await tryLink(mine, lockPath, me)) return () => releaseLock(lockPath, me.token);
      const holder = await readHolder(lockPath);
      if (holder === 'gone') continue;
      if (await isStale(lockPath, holder, staleMs)) {
        await breakLock(lockPath, holder);
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.at}` : 'another process';
        throw new UserError(
          `the evidence is locked by ${who} (waited ${Math.round(timeoutMs / 1000)} s)`,
          `wait for the other reviewgate to finish; if none is running, delete ${lockPath}`,
        );
      }
      // Jittered exponential backoff: concurrent waiters do not retry in lockstep.
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 200);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

/**
 * Removes `<prefix><pid>.<anything>.tmp` files in `dir` whose process is gone (and, from older
 * versions, `<prefix><token>.tmp` files older than a minute).
 */
export async function removeDeadTemps(dir: string, prefix: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) return;
      const pid = /^(\d+)\./.exec(name.slice(prefix.length))?.[1];
      const dead = pid !== undefined ? !isAlive(Number(pid)) : Date.now() - (await stat(join(dir, name)).then((st) => st.mtimeMs, () => Date.now())) > 60_000;
      if (dead) await unlink(join(dir, name)).catch(() => undefined);
    }),
  );
}

async function tryLink(from: string, to: string, me: Holder): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
  }
  // A file system without hard links: fall back to an exclusive create.
  try {
    await writeFile(to, JSON.stringify(me), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's holder; null when the content is unreadable (being written, or garbage); 'gone' when released. */
async function readHolder(lockPath: string): Promise<Holder | null | 'gone'> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, token: parsed.token, at: String(parsed.at) };
    }
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return null;
  }
}

async function isStale(lockPath: string, holder: Holder | null, staleMs: number): Promise<boolean> {
  // A process on this machine that no longer exists cannot release its lock.
  if (holder && holder.host === hostname() && !isAlive(holder.pid)) return true;
  try {
    // Content we cannot read only becomes stale with age: it may be a lock being written now.
    return Date.now() - (await stat(lockPath)).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

/** Whether a process of this machine exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without removing a fresh one taken in the meantime: the lock is moved
 * aside atomically (only one breaker can move a given file), then its token is compared with the
 * stale holder's. If another process had already replaced it, it is put back with link(), which
 * fails rather than overwrite a lock someone took in between.
 */
async function breakLock(lockPath: string, stale: Holder | null): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.broken`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it first
  }
  const moved = await readHolder(aside);
  const sameLock = stale === null ? moved === null : moved !== 'gone' && moved?.token === stale.token;
  if (!sameLock) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const holder = await readHolder(lockPath);
  // Only remove our own lock: if ours was broken as stale, the file now belongs to someone else.
  if (holder !== 'gone' && holder?.token === token) await unlink(lockPath).catch(() => undefined);
}
