// `npm run bench`: how long `reviewgate check` takes on a realistic commit, as a ratio of
// `node -e 0` measured in the same run (shared machines are noisy; absolute times drift).
// Builds a throwaway repository of 2,000 files and stages a 10-file change of 200 insertions and
// 200 deletions. Then, each case timed alternately with `node -e 0`:
//   - nothing recorded yet (check fails), and all evidence recorded (plan, review, run; passes);
//   - each as it runs on every commit after the first (the verdict cache answers: "cached") and
//     as a full judgement (REVIEWGATE_NO_CACHE=1: "full", what the first check of new content costs);
//   - `reviewgate run` on content that already passed (nothing to run);
//   - with signed evidence (evidence.sign: ssh, require_signatures: true), when ssh-keygen is there.
// BENCH_NODE=/path/to/node runs everything (node -e 0 included) with another Node binary;
// BENCH_RUNS sets the runs per case (default 21); BENCH_KEEP=1 keeps the repositories.
// `npm run bench -- --scale` runs the scale cases instead (scripts/bench-scale.mjs).
if (process.argv.includes('--scale')) {
  await import('./bench-scale.mjs');
  process.exit(0);
}
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const NODE = process.env.BENCH_NODE ?? process.execPath;
const bin = fileURLToPath(new URL('../bin/reviewgate.js', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
// Extra CA certificates cost ~80 ms per Node start on machines that set them, for both commands
// alike, and would hide the tool's own cost.
delete env.NODE_EXTRA_CA_CERTS;
delete env.REVIEWGATE_NO_CACHE;
for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG')) delete env[k];
const TARGET = 1.5;

function source(i, variant) {
  const lines = [];
  for (let j = 0; j < 60; j++) lines.push(`export const v${i}_${j} = ${variant && j >= 20 && j < 40 ? `compute(${j}, 'changed')` : j};`);
  return `${lines.join('\n')}\n`;
}

const hasSshKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;
for (const signed of hasSshKeygen ? [false, true] : [false]) bench(signed);
if (!hasSshKeygen) console.log('(ssh-keygen not installed: the signed-evidence variant was skipped)');

function bench(signed) {
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-bench-'));
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const cli = (args, input = '') => spawnSync(NODE, [bin, ...args], { cwd: dir, env, input, encoding: 'utf8' });

  try {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Bench');
    git('config', 'user.email', 'bench@example.com');
    git('config', 'commit.gpgSign', 'false');
    // The benchmark answers review from a pipe, which the default review.piped (refuse) does not count.
    const signing = signed ? 'evidence:\n  sign: ssh\n  require_signatures: true\n' : '';
    write('.reviewgate.yml', `version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e 0"]\n${signing}`);
    if (signed) {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bench', '-f', join(dir, '.git', 'bench-key')]);
      git('config', 'gpg.format', 'ssh');
      git('config', 'user.signingkey', join(dir, '.git', 'bench-key'));
      write('.reviewgate/allowed_signers', `bench@example.com namespaces="reviewgate-*" ${readFileSync(join(dir, '.git', 'bench-key.pub'), 'utf8')}`);
    }
    // 1,800 source files in 60 folders and 200 test files.
    for (let i = 0; i < 1800; i++) write(`src/m${i % 60}/f${i}.ts`, source(i, false));
    for (let i = 0; i < 200; i++) write(`test/m${i % 60}/f${i}.test.ts`, `import { it } from 'vitest';\nit('f${i} works', () => {});\nit('f${i} handles edge case ${i}', () => {});\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    // The change: 10 files with tests, 20 lines replaced in each (200 insertions, 200 deletions).
    for (let i = 0; i < 10; i++) write(`src/m${i % 60}/f${i}.ts`, source(i, true));
    git('add', '-A');
    const stat = git('diff', '--cached', '--shortstat').trim();
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const time = (args, extraEnv, codes) => {
      const t = process.hrtime.bigint();
      const r = spawnSync(NODE, args, { cwd: dir, env: { ...env, ...extraEnv }, stdio: 'ignore' });
      if (!codes.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}`);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    /** Median of `command` and of `node -e 0`, run alternately; prints one line with the ratio. */
    const measure = (label, args, extraEnv = {}, codes = [0]) => {
      for (let i = 0; i < 3; i++) time([bin, ...args], extraEnv, codes); // warm the file cache (and the verdict cache)
      const node = [];
      const rg = [];
      for (let i = 0; i < RUNS; i++) {
        node.push(time(['-e', '0'], {}, [0]));
        rg.push(time([bin, ...args], extraEnv, codes));
      }
      const a = median(node);
      const b = median(rg);
      const ratio = b / a;
      console.log(`  ${label.padEnd(44)} ${b.toFixed(1).padStart(6)} ms   node -e 0 ${a.toFixed(1).padStart(5)} ms   ratio ${ratio.toFixed(2)}${ratio <= TARGET ? '' : `  (target ${TARGET})`}`);
    };
    const files = git('ls-files').split('\n').filter(Boolean).length;
    console.log(`${signed ? '\nwith signed evidence (require_signatures: true)' : 'unsigned evidence'} — repository: ${files} files; staged change: ${stat}; medians of ${RUNS} runs`);
    const full = { REVIEWGATE_NO_CACHE: '1' };
    if (!signed) {
      measure('check, nothing recorded (cached)', ['check'], {}, [1]);
      measure('check, nothing recorded (full)', ['check'], full, [1]);
    }
    const plan = '## Goal\nFaster compute.\n## Approach\nReplace constants.\n## Risks\nNone known.\n## Test checklist\n- [ ] f3 handles edge case 3\n';
    for (const [args, input] of [[['plan', '--from', '-'], plan], [['review'], 'y\n'.repeat(20)], [['run'], '']]) {
      const r = cli(args, input);
      if (r.status !== 0) throw new Error(`reviewgate ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    }
    const check = cli(['check']);
    if (check.status !== 0) throw new Error(`the benchmark's check does not pass:\n${check.stdout}${check.stderr}`);
    measure('check, all four gates hold (cached)', ['check']);
    measure('check, all four gates hold (full)', ['check'], full);
    if (!signed) measure('run, already passed on this content (cached)', ['run']);
    const version = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    console.log(`  reviewgate ${pkg.version}, node ${version}`);
  } finally {
    // BENCH_KEEP=1 leaves the repository in place, to look at it with REVIEWGATE_TIMING=1.
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
