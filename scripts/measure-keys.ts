// What binding a changed line to its neighbours two away (key v2) costs after ordinary rebases,
// against one away (v1): replayed on a real repository's history. For each sampled commit X with
// parent P, the next `upstream` first-parent commits are cherry-picked onto P (main moving on
// without X), then X is cherry-picked onto that (the rebase). A changed line of X whose key is not
// among the rebased change's keys must be reviewed again. Run with `npm run measure-keys -- <repo>`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hunkLines } from '../src/diff/items.js';
import { parseDiff } from '../src/diff/parse.js';
import { formatArgs } from '../src/git/diff.js';

const [source, countArg = '200', upstreamArg = '5'] = process.argv.slice(2);
if (!source) throw new Error('usage: measure-keys <repository> [commits=200] [upstream=5]');
const dir = mkdtempSync(join(tmpdir(), 'reviewgate-measure-'));
const git = (...args: string[]): string => execFileSync('git', ['-C', dir, '-c', 'core.quotepath=false', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
const gitOk = (...args: string[]): boolean => {
  try {
    git(...args);
    return true;
  } catch {
    return false;
  }
};
const keysOf = (from: string, to: string, reach: 1 | 2): Set<string> => {
  const out = execFileSync('git', ['-C', dir, 'diff-tree', '-r', ...formatArgs(2), from, to, '--'], { maxBuffer: 1 << 28, env: { ...process.env, GIT_DIFF_OPTS: '' } });
  const keys = new Set<string>();
  for (const f of parseDiff(out)) {
    if (f.binary || f.oldMode === '120000' || f.newMode === '120000' || f.oldMode === '160000' || f.newMode === '160000') continue;
    for (const h of f.hunks) for (const l of hunkLines(f.path, h, reach)) keys.add(`${l.side}${l.key}`);
  }
  return keys;
};
try {
  execFileSync('git', ['clone', '-q', '--no-checkout', source, dir]);
  git('config', 'user.name', 'm');
  git('config', 'user.email', 'm@example.com');
  const upstream = Number(upstreamArg);
  const chain = git('rev-list', '--first-parent', '--no-merges', '--reverse', `-n`, String(Number(countArg) * 3), 'HEAD').trim().split('\n');
  let samples = 0;
  let tried = 0;
  let lines = 0;
  const lost = { 1: 0, 2: 0 };
  for (let i = 0; i + upstream < chain.length && samples < Number(countArg); i += 1) {
    const x = chain[i] as string;
    const parents = git('rev-list', '--parents', '-n', '1', x).trim().split(' ');
    if (parents.length !== 2) continue;
    const p = parents[1] as string;
    tried += 1;
    if (!gitOk('checkout', '-q', '-f', '--detach', p)) continue;
    const moved = chain.slice(i + 1, i + 1 + upstream);
    if (!moved.every((c) => gitOk('cherry-pick', '--allow-empty', '--keep-redundant-commits', c))) {
      gitOk('cherry-pick', '--abort');
      continue;
    }
    const base = git('rev-parse', 'HEAD').trim();
    if (!gitOk('cherry-pick', '--allow-empty', '--keep-redundant-commits', x)) {
      gitOk('cherry-pick', '--abort');
      continue;
    }
    const rebased = git('rev-parse', 'HEAD').trim();
    samples += 1;
    for (const reach of [1, 2] as const) {
      const before = keysOf(p, x, reach);
      const after = keysOf(base, rebased, reach);
      if (reach === 1) lines += before.size;
      for (const k of before) if (!after.has(k)) lost[reach] += 1;
    }
  }
  console.log(JSON.stringify({ tried, samples, upstream, changedLines: lines, reReviewV1: lost[1], reReviewV2: lost[2], extra: lost[2] - lost[1] }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
