// A person's reading, measured through real pseudo-terminals: a hunk is accepted only once every
// row of it has been on screen; keys written by a program (`yes` into `script`, a loop into a
// python pty) void the review; a person driving tmux at human speed still counts. The limits on
// lines per hour are raised in these repositories so that only key timing and paging decide.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;
const hasTmux = has('tmux', '-V');
const hasScript = has('script', '--version');
const hasPython = has('python3', '--version');
let repo: TestRepo;
let socket: string;
let n = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tmux(...args: string[]): string {
  return spawnSync('tmux', ['-L', socket, ...args], { env: cleanEnv({ TERM: 'xterm-256color' }), encoding: 'utf8' }).stdout;
}
async function screenMatching(re: RegExp, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    // -J joins lines the terminal wrapped.
    last = tmux('capture-pane', '-p', '-J');
    if (re.test(last)) return last;
    await sleep(100);
  }
  throw new Error(`the screen never matched ${re}; it showed:\n${last}`);
}
async function reviewRecord(timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const dir = join(repo.dir, '.reviewgate/evidence');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const text = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
      const review = text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.type === 'review');
      if (review) return review;
    } catch {
      /* not written yet */
    }
    await sleep(100);
  }
  throw new Error('no review was recorded');
}

beforeEach(() => {
  socket = `rgp-${process.pid}-${n++}`;
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'review:\n  max_lines_per_hour: 100000000\n  max_lines_per_hour_fail: 100000000\n');
  const lines = Array.from({ length: 80 }, (_, i) => `line ${i + 1}`);
  repo.write('a.txt', `${lines.join('\n')}\n`);
  repo.commitAll('initial');
  // A one-page hunk at line 2 and a 60-row hunk (lines 20-49 rewritten) that needs paging.
  lines[1] = 'line 2 changed';
  for (let i = 19; i < 49; i++) lines[i] = `rewritten ${i + 1}`;
  repo.write('a.txt', `${lines.join('\n')}\n`);
  repo.git('add', '-A');
});
afterEach(() => {
  if (hasTmux) tmux('kill-server');
  repo.remove();
});

describe.skipIf(!hasTmux)('a person on a terminal (tmux, human-like speed)', () => {
  it('must page through a long hunk before y counts, and the review counts with the time per page', async () => {
    assertBuilt();
    tmux('new-session', '-d', '-x', '100', '-y', '20', `cd '${repo.dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review; sleep 30`);
    await screenMatching(/hunk 1 of 2/);
    await sleep(400);
    tmux('send-keys', 'y');
    await screenMatching(/hunk 2 of 2/);
    await sleep(400);
    tmux('send-keys', 'y');
    expect(await screenMatching(/page through the whole hunk before answering y/)).toMatch(/lines \d+-\d+ were not on screen yet/);
    for (let page = 0; page < 10; page++) {
      const screen = tmux('capture-pane', '-p');
      const m = /lines \d+-(\d+) of (\d+)/.exec(screen);
      if (m && m[1] === m[2]) break;
      await sleep(350);
      tmux('send-keys', 'Space');
      await sleep(150);
    }
    await sleep(350);
    tmux('send-keys', 'y');
    const review = await reviewRecord();
    expect(review).toMatchObject({ mode: 'terminal', lines: 62 });
    const [, long] = review.items as { lines: number; pages?: { from: number; to: number; ms: number }[] }[];
    expect(long?.lines).toBe(60);
    expect(long?.pages?.length).toBeGreaterThanOrEqual(4);
    expect(long?.pages?.every((p) => p.ms > 0)).toBe(true);
    const input = review.input as { keys: number; ahead: number; burst: number };
    expect(input.keys).toBeGreaterThanOrEqual(6);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.stdout).toContain('62/62 changed lines reviewed');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/read at \(fastest first\):\n\s+a\.txt:\d+ {2}\d+ lines? in [\d.]+ s \(\d+ lines\/hour\) by Test Author/);
    const list = await runInProcess(repo.dir, ['review', '--list', '--format', 'json']);
    const reviewed = (JSON.parse(list.stdout) as { reviewed: { file: string; lines: number; linesPerHour: number | null }[] }).reviewed;
    expect(reviewed.map((r) => r.lines).sort()).toEqual([2, 60]);
    expect((await runInProcess(repo.dir, ['review', '--list'])).stdout).toContain('Reviewed, and the pace it was read at:');
  });
});

describe.skipIf(!hasTmux)('the physical limit, with the default configuration', () => {
  it('does not count a long hunk paged through and accepted in seconds, and says so', async () => {
    assertBuilt();
    repo.write('.reviewgate.yml', '');
    repo.git('commit', '-q', '--no-verify', '-m', 'default limits', '--', '.reviewgate.yml');
    tmux('new-session', '-d', '-x', '100', '-y', '20', `cd '${repo.dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review; sleep 30`);
    await screenMatching(/hunk 1 of 2/);
    await sleep(300);
    tmux('send-keys', 'y');
    await screenMatching(/hunk 2 of 2/);
    for (let page = 0; page < 10; page++) {
      const m = /lines \d+-(\d+) of (\d+)/.exec(tmux('capture-pane', '-p'));
      if (m && m[1] === m[2]) break;
      await sleep(200);
      tmux('send-keys', 'Space');
      await sleep(100);
    }
    await sleep(200);
    tmux('send-keys', 'y');
    expect(await screenMatching(/check will not count it/)).toMatch(/faster than any person reads \(review\.max_lines_per_hour_fail 6000\)/);
    expect(await reviewRecord()).toMatchObject({ mode: 'terminal', lines: 62 });
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('0/62 changed lines reviewed');
    expect(check.stdout).toMatch(/62 lines in 0\.\d min \(\d+ lines\/hour\) is faster than any person reads/);
  });
});

describe('a program at the keys', () => {
  it.skipIf(!hasScript)('`yes` into a pseudo-terminal (script): y is refused on pages never drawn, and what was accepted does not count', async () => {
    assertBuilt();
    const child = spawn('sh', ['-c', `yes y | script -qfec "NO_COLOR=1 '${process.execPath}' '${BIN}' review" /dev/null > /dev/null`], { cwd: repo.dir, env: cleanEnv(), detached: true, stdio: 'ignore' });
    await sleep(4000);
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      /* already gone */
    }
    const review = await reviewRecord();
    // Only the one-page hunk: the long one was never paged through on screen.
    expect(review).toMatchObject({ mode: 'terminal', lines: 2 });
    const input = review.input as { keys: number; ahead: number; burst: number };
    expect(input.ahead + input.burst).toBeGreaterThanOrEqual(Math.max(5, input.keys / 10));
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('0/62 changed lines reviewed');
    expect(check.stdout).toMatch(/was not typed by a person: \d+ of \d+ keys arrived before the screen they answered was drawn/);
  });

  it.skipIf(!hasPython)('a loop writing keys about 2 ms apart into a python pty pages and accepts, and does not count', async () => {
    assertBuilt();
    const driver = join(repo.dir, '..', `rg-pty-${process.pid}-${n}.py`);
    writeFileSync(
      driver,
      [
        'import os, pty, select, sys, time',
        'pid, fd = pty.fork()',
        'if pid == 0:',
        '    os.execv(sys.argv[1], [sys.argv[1], sys.argv[2], "review"])',
        'def drain(t):',
        '    end = time.time() + t',
        '    while time.time() < end:',
        '        r, _, _ = select.select([fd], [], [], max(0, min(0.001, end - time.time())))',
        '        if r:',
        '            try: os.read(fd, 65536)',
        '            except OSError: return',
        'drain(3)',
        'for key in b"y" + b" " * 12 + b"b" * 12 + b" " * 12 + b"y":',
        '    os.write(fd, bytes([key]))',
        '    drain(0.002)',
        'drain(1)',
        'os.write(fd, b"q")',
        'drain(2)',
        'os.waitpid(pid, 0)',
      ].join('\n'),
    );
    const out = spawnSync('python3', [driver, process.execPath, BIN], { cwd: repo.dir, env: cleanEnv(), timeout: 30_000 });
    expect(out.status).toBe(0);
    const review = await reviewRecord();
    expect(review).toMatchObject({ mode: 'terminal', lines: 62 });
    const input = review.input as { keys: number; ahead: number; burst: number };
    expect(input.ahead + input.burst).toBeGreaterThanOrEqual(10);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('was not typed by a person');
  });
});
