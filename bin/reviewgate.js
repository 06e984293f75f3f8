#!/usr/bin/env node
'use strict';
// Runs the bundles in dist/ through a V8 code cache so repeated runs skip parsing and compiling
// them: `reviewgate check` runs on every commit. The cache lives in node_modules/.cache (like
// other tools' caches); where that is not writable, the bundles simply run uncached.
// This file is CommonJS (bin/package.json): an ES module entry costs Node several milliseconds
// more to start, on every commit.
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join, sep } = require('node:path');
const { Script } = require('node:vm');

const root = dirname(__dirname);

function cacheFile(name, file) {
  if (process.env.REVIEWGATE_NO_CODE_CACHE) return null;
  const marker = `${sep}node_modules${sep}`;
  const at = root.lastIndexOf(marker);
  const base = at >= 0 ? root.slice(0, at + marker.length - 1) : join(root, 'node_modules');
  const stat = statSync(file);
  return join(base, '.cache', 'reviewgate', `${name}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8`);
}

/** Loads dist/<name>.cjs like require() would, compiled through its code cache. */
function load(name) {
  const file = join(root, 'dist', `${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  const cache = cacheFile(name, file);
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
        const folder = dirname(cache);
        mkdirSync(folder, { recursive: true });
        // Caches of older builds are dead weight.
        for (const old of readdirSync(folder)) if (old.startsWith(`${name}-`) && join(folder, old) !== cache) rmSync(join(folder, old), { force: true });
        const tmp = `${cache}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cache);
      } catch {
        // an unwritable cache only costs speed
      }
    });
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
  return mod.exports;
}

// A staged `check` (or a `run` with nothing to do) whose exact inputs a full command already
// judged is answered from the verdict cache (src/verdict), before the main bundle is read. Any
// failure there means: run in full.
const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === 'check' || argv[0] === 'run') {
  let answered;
  try {
    answered = load('verdict').replay(argv, process.cwd());
  } catch {
    answered = Promise.resolve(false);
  }
  answered.then((done) => done || load('cli'), () => load('cli'));
} else load('cli');
