// `npm run bench -- --scale`: does `reviewgate check` stay linear in the size of the change and
// flat in the size of the repository (DESIGN.md "Performance budget")? Builds throwaway
// repositories, records all evidence (plan, review, run) the way scripts/bench.mjs does, and
// times each case (median of BENCH_RUNS runs, default 5) with its peak RSS, as a ratio of
// `node -e 0` measured in the same run:
//   lines    a staged change of 100,000 changed lines (100 files, 10 hunks of 50 replaced lines
//            each): `check` (target: 1 s, 200 MB) and `review --list` (target: 1 s);
//   files    the 400-line change of scripts/bench.mjs staged in its 2,000-file repository, then in
//            the same repository grown to 100,000 files (target: at most twice the first figure);
//   range    `check --range` over 50 commits, each reviewed and run in its own pre-commit step
//            (target: 1 s).
// Each figure is printed with its CPU time (user + system, git included), which a busy machine
// disturbs less than the wall time. BENCH_SCALE=lines,files,range picks cases; BENCH_KEEP=1 leaves
// the repositories in place; BENCH_BIN=<other checkout>/bin/reviewgate.js times another build (its
// repositories are its own: each build keeps its caches in the git directory and drops the others').
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CASES = (process.env.BENCH_SCALE ?? 'lines,files,range').split(',');
// BENCH_BIN: another build's bin/reviewgate.js, to compare two builds on the same machine.
const bin = process.env.BENCH_BIN ?? fileURLToPath(new URL('../bin/reviewgate.js', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
// Extra CA certificates cost ~80 ms per Node start on machines that set them.
delete env.NODE_EXTRA_CA_CERTS;
for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG')) delete env[k];
// GNU time reports the peak RSS of the process tree's largest member (node, or a git it waited for).
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const CONFIG = 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e 0"]\n';
const PLAN = '## Goal\nFaster compute.\n## Approach\nReplace constants.\n## Risks\nNone known.\n## Test checklist\n- [ ] f3 handles edge case 3\n';

function repo(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `reviewgate-bench-${prefix}-`));
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const cli = (args, input = '') => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`reviewgate ${args.join(' ')} exited ${r.status}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'commit.gpgSign', 'false');
  git('config', 'gc.auto', '0');
  write('.reviewgate.yml', CONFIG);
  return { dir, git, write, cli };
}

/** Plan, review (every hunk accepted from a pipe), run: all the evidence the staged change needs. */
function recordEvidence(r, { plan = true } = {}) {
  if (plan) r.cli(['plan', '--from', '-'], PLAN);
  const hunks = JSON.parse(r.cli(['review', '--list', '--format', 'json'])).items?.length;
  r.cli(['review'], 'y\n'.repeat((hunks ?? 100_000) + 10));
  r.cli(['run']);
}

/**
 * Wall time (ms), CPU time (user + system, ms, git children included) and peak RSS (MB) of one
 * command. On a shared machine the CPU time says more than the wall time about the tool itself.
 */
function measure(dir, cmd, args, extraEnv = {}) {
  const out = join(dir, '.git', 'bench-time');
  const argv = TIME ? [TIME, ['-o', out, '-f', '%M %U %S', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { cwd: dir, env: { ...env, ...extraEnv }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  const [rss, user, sys] = TIME ? readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, rss: rss / 1024, cpu: (user + sys) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Alternates `node -e 0` and the command; medians of each. extraEnv: REVIEWGATE_NO_CACHE=1 times
 * the full check, as the first check of newly staged content runs it.
 */
function time(dir, args, extraEnv = {}) {
  measure(dir, process.execPath, [bin, ...args], extraEnv); // warm the file cache and reviewgate's caches
  const node = [];
  const rg = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(measure(dir, process.execPath, ['-e', '0']));
    rg.push(measure(dir, process.execPath, [bin, ...args], extraEnv));
  }
  return {
    node: median(node.map((m) => m.ms)),
    ms: median(rg.map((m) => m.ms)),
    cpu: median(rg.map((m) => m.cpu)),
    rss: Math.max(...rg.map((m) => m.rss)),
  };
}

function report(name, m, target) {
  const row = `${name.padEnd(46)} ${m.ms.toFixed(0).padStart(6)} ms (cpu ${m.cpu.toFixed(0).padStart(5)} ms) ${m.rss.toFixed(0).padStart(5)} MB  ratio ${(m.ms / m.node).toFixed(2).padStart(6)}  (node -e 0: ${m.node.toFixed(0)} ms)  ${target}`;
  console.log(row);
}

function source(i, variant) {
  const lines = [];
  for (let j = 0; j < 60; j++) lines.push(`export const v${i}_${j} = ${variant && j >= 20 && j < 40 ? `compute(${j}, 'changed')` : j};`);
  return `${lines.join('\n')}\n`;
}
const testFile = (i) => `import { it } from 'vitest';\nit('f${i} works', () => {});\nit('f${i} handles edge case ${i}', () => {});\n`;

function keep(r) {
  if (process.env.BENCH_KEEP === '1') console.log(`kept: ${r.dir}`);
  else rmSync(r.dir, { recursive: true, force: true });
}

// 100 files of 1,000 lines; in each, lines 50-99, 150-199, ... replaced: 10 hunks of 50 removed
// and 50 added lines, 1,000 changed lines a file.
function lines() {
  const r = repo('lines');
  try {
    const big = (i, variant) => {
      const out = [];
      for (let j = 0; j < 1000; j++) out.push(variant && Math.floor(j / 50) % 2 === 1 ? `export const w${i}_${j} = compute(${j}, 'changed', ${i});` : `export const w${i}_${j} = ${j};`);
      return `${out.join('\n')}\n`;
    };
    for (let i = 0; i < 100; i++) {
      r.write(`src/m${i % 10}/f${i}.ts`, big(i, false));
      r.write(`test/m${i % 10}/f${i}.test.ts`, testFile(i));
    }
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'base');
    for (let i = 0; i < 100; i++) r.write(`src/m${i % 10}/f${i}.ts`, big(i, true));
    r.git('add', '-A');
    console.log(`lines: staged change ${r.git('diff', '--cached', '--shortstat').trim()}`);
    // Before any review: every line is listed.
    report('review --list, 100k changed lines unreviewed', time(r.dir, ['review', '--list']), 'target: 1000 ms');
    recordEvidence(r);
    report('check, 100k changed lines, evidence present', time(r.dir, ['check']), 'target: 1000 ms, 200 MB');
  } finally {
    keep(r);
  }
}

// scripts/bench.mjs's repository and change, then 98,000 more files in 1,000 folders.
function files() {
  const r = repo('files');
  try {
    for (let i = 0; i < 1800; i++) r.write(`src/m${i % 60}/f${i}.ts`, source(i, false));
    for (let i = 0; i < 200; i++) r.write(`test/m${i % 60}/f${i}.test.ts`, testFile(i));
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'base');
    let stat = '';
    const change = () => {
      for (let i = 0; i < 10; i++) r.write(`src/m${i % 60}/f${i}.ts`, source(i, true));
      r.git('add', '-A');
      stat = r.git('diff', '--cached', '--shortstat').trim();
      recordEvidence(r);
    };
    change();
    const small = time(r.dir, ['check']);
    const smallFull = time(r.dir, ['check'], { REVIEWGATE_NO_CACHE: '1' });
    report(`check, ${r.git('ls-files').split('\n').length - 1} files, ${stat.replace(/ changed/, '')}`, small, '');
    report('  full check (REVIEWGATE_NO_CACHE=1)', smallFull, '');
    r.git('reset', '-q', '--hard');
    r.git('clean', '-qfdx');
    for (let i = 0; i < 98_000; i++) r.write(`lib/d${i % 1000}/g${i}.js`, `export const g${i} = ${i};\n`);
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'grow');
    change();
    const large = time(r.dir, ['check']);
    const largeFull = time(r.dir, ['check'], { REVIEWGATE_NO_CACHE: '1' });
    report(`check, ${r.git('ls-files').split('\n').length - 1} files, same change`, large, `${(large.ms / small.ms).toFixed(2)}× the 2,000-file figure (cpu ${(large.cpu / small.cpu).toFixed(2)}×); target: 2×`);
    report('  full check (REVIEWGATE_NO_CACHE=1)', largeFull, `${(largeFull.ms / smallFull.ms).toFixed(2)}× the 2,000-file full check (cpu ${(largeFull.cpu / smallFull.cpu).toFixed(2)}×)`);
  } finally {
    keep(r);
  }
}

// 50 commits on a branch, each a 10-line change to one of 50 files, each committed with its review
// and run recorded (one plan for the branch, recorded with the first).
function range() {
  const r = repo('range');
  try {
    for (let i = 0; i < 50; i++) {
      r.write(`src/m${i % 10}/f${i}.ts`, source(i, false));
      r.write(`test/m${i % 10}/f${i}.test.ts`, testFile(i));
    }
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'base');
    const base = r.git('rev-parse', 'HEAD').trim();
    r.git('checkout', '-q', '-b', 'feature');
    for (let c = 0; c < 50; c++) {
      r.write(`src/m${c % 10}/f${c}.ts`, source(c, true));
      r.git('add', '-A');
      recordEvidence(r, { plan: c === 0 });
      r.git('commit', '-q', '-m', `change ${c}`);
    }
    report(`check --range over ${r.git('rev-list', '--count', `${base}..HEAD`).trim()} commits`, time(r.dir, ['check', '--range', `${base}..HEAD`]), 'target: 1000 ms');
  } finally {
    keep(r);
  }
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
console.log(`reviewgate ${pkg.version}, node ${process.version}; median of ${RUNS} runs${TIME ? '' : ' (no /usr/bin/time: peak RSS not measured)'}`);
for (const [name, fn] of Object.entries({ lines, files, range })) if (CASES.includes(name)) fn();
