#!/usr/bin/env node
// Runs the bundle (dist/cli.cjs) through a V8 code cache so repeated runs skip parsing and
// compiling it: `reviewgate check` runs on every commit. The cache lives in node_modules/.cache
// (like other tools' caches); where that is not writable, the bundle simply runs uncached.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const file = join(root, 'dist', 'cli.cjs');
const source = readFileSync(file, 'utf8');

function cacheFile() {
  if (process.env.REVIEWGATE_NO_CODE_CACHE) return null;
  const marker = `${sep}node_modules${sep}`;
  const at = root.lastIndexOf(marker);
  const base = at >= 0 ? root.slice(0, at + marker.length - 1) : join(root, 'node_modules');
  const stat = statSync(file);
  return join(base, '.cache', 'reviewgate', `cli-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8`);
}

const cache = cacheFile();
let cachedData;
if (cache) {
  try {
    cachedData = readFileSync(cache);
  } catch {
    // no cache yet
  }
}
const script = new Script(Module.wrap(source), { filename: file, cachedData });
if (cache && (!cachedData || script.cachedDataRejected)) {
  // Written after the run, so the cache holds the functions this run compiled.
  process.once('beforeExit', () => {
    try {
      mkdirSync(dirname(cache), { recursive: true });
      // Caches of older builds are dead weight.
      for (const old of readdirSync(dirname(cache))) if (old.startsWith('cli-') && join(dirname(cache), old) !== cache) rmSync(join(dirname(cache), old), { force: true });
      const tmp = `${cache}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cache);
    } catch {
      // an unwritable cache only costs speed
    }
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
