// Small JSON caches under `<git common dir>/reviewgate/cache/`, keyed by content hashes and the
// build id. They hold only what can be recomputed from content (a validated configuration, the
// test titles of a blob), so a missing, stale or corrupt entry is simply recomputed. They live in
// the git dir, never in the work tree or the index: `check` stays read-only for the project.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_ID } from './version.js';

export function cacheKey(...parts: string[]): string {
  const hash = createHash('sha256');
  hash.update(BUILD_ID);
  for (const p of parts) hash.update(`\0${p}`);
  return hash.digest('hex').slice(0, 32);
}

export function readCache<T>(dir: string | undefined, name: string): T | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string | undefined, name: string, value: unknown): void {
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, join(dir, name));
  } catch {
    // A cache that cannot be written (read-only git dir, full disk) only costs speed.
  }
}
