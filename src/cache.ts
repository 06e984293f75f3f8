// Small JSON caches under `<git common dir>/reviewgate/cache/<build id>/`, keyed by content
// hashes. They hold only what can be recomputed from content (a validated configuration, a parsed
// plan, the test titles of a blob), so a missing, stale or corrupt entry is simply recomputed.
// They live in the git dir, never in the work tree or the index: `check` stays read-only for the
// project. A new build starts a new folder and removes the folders of older builds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ID } from './version.js';

const BUILD_DIR = BUILD_ID.replace(/[^A-Za-z0-9._-]/g, '_');
/** The AI advisor's answers (`ai/`): they cost money to recompute, so a new build keeps them. */
const KEPT = 'ai';

export function cacheKey(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(`${p}\0`);
  return hash.digest('hex').slice(0, 32);
}

export function readCache<T>(dir: string | undefined, name: string): T | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, BUILD_DIR, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes one entry. With `replaces`, entries whose names start with that prefix are removed
 * first: the cache of a file's older versions (an evidence file grows with every record).
 */
export function writeCache(dir: string | undefined, name: string, value: unknown, replaces?: string): void {
  if (!dir) return;
  try {
    const mine = join(dir, BUILD_DIR);
    if (!existsSync(mine)) {
      mkdirSync(mine, { recursive: true });
      for (const other of readdirSync(dir)) if (other !== BUILD_DIR && other !== KEPT) rmSync(join(dir, other), { recursive: true, force: true });
    } else if (replaces) {
      for (const old of readdirSync(mine)) if (old.startsWith(replaces) && old !== name) rmSync(join(mine, old), { force: true });
    }
    const tmp = join(mine, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, join(mine, name));
  } catch {
    // A cache that cannot be written (read-only git dir, full disk) only costs speed.
  }
}
