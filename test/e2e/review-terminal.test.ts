// The walker through a real pseudo-terminal (tmux): what the screen shows, what gets recorded,
// and that quitting any way — q, Ctrl-C, a closed terminal — keeps the answers.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
let repo: TestRepo;
let socket: string;
let n = 0;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { env: cleanEnv({ TERM: 'xterm-256color' }), encoding: 'utf8' });
  return r.stdout;
}
/** Keys one at a time, as a person types them: the walker counts keys that come faster than that as a program's. */
async function typeKeys(...keys: string[]): Promise<void> {
  for (const key of keys) {
    tmux('send-keys', key);
    await new Promise((r) => setTimeout(r, 150));
  }
}
async function screenWith(text: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = tmux('capture-pane', '-p');
    if (last.includes(text)) return last;
    // -J joins lines the terminal wrapped, so a prompt broken at the edge of a narrow pane still
    // matches. The screen that matched is the one returned: the walker may have drawn its first
    // frame between the two captures.
    const joined = tmux('capture-pane', '-p', '-J');
    if (joined.includes(text)) return joined;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed "${text}"; it showed:\n${last}`);
}
async function evidence(timeoutMs = 15_000): Promise<Record<string, unknown>[]> {
  const dir = join(repo.dir, '.reviewgate/evidence');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
      const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
      if (text.trim()) return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      /* not written yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no evidence was recorded');
}
function start(width: number, height: number): void {
  assertBuilt();
  tmux('new-session', '-d', '-x', String(width), '-y', String(height), `cd '${repo.dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review; sleep 30`);
}

beforeEach(() => {
  socket = `rg-${process.pid}-${n++}`;
  repo = makeRepo();
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
  repo.write('a.txt', `${lines.join('\n')}\n`);
  repo.commitAll('initial');
  lines[1] = 'line 2 changed';
  lines[25] = 'line 26 changed';
  repo.write('a.txt', `${lines.join('\n')}\n`);
  repo.git('add', '-A');
});
afterEach(() => {
  tmux('kill-server');
  repo.remove();
});

describe.skipIf(!hasTmux)('review on a terminal', () => {
  it('draws the hunk with both line numbers and a status line, and records answers and notes on q', async () => {
    start(100, 30);
    const first = await screenWith('hunk 1 of 2');
    expect(first).toContain('a.txt — modified +1 -1');
    expect(first).toMatch(/ 2 {3}- line 2\n/);
    expect(first).toMatch(/ {3}2 \+ line 2 changed/);
    expect(first).toContain('lines reviewed 0/4');
    tmux('send-keys', 'y');
    await screenWith('hunk 2 of 2');
    await typeKeys('c', 'look at the loop', 'Enter');
    await screenWith('note recorded');
    tmux('send-keys', '?');
    await screenWith('split the hunk');
    await typeKeys('x', 'q');
    const records = await evidence();
    const review = records.find((r) => r.type === 'review')!;
    expect(review).toMatchObject({ mode: 'terminal', lines: 2 });
    expect(review.durationMs).toBeGreaterThan(0);
    expect((review.items as unknown[]).length).toBe(1);
    expect(records.find((r) => r.type === 'note')).toMatchObject({ text: 'look at the loop', path: 'a.txt', line: 26 });

    const list = await runInProcess(repo.dir, ['review', '--list', '--format', 'json']);
    const items = (JSON.parse(list.stdout) as { items: { file: string; line: number; notes: { text: string }[] }[] }).items;
    expect(items).toEqual([expect.objectContaining({ file: 'a.txt', line: 26, notes: [expect.objectContaining({ text: 'look at the loop' })] })]);
    expect((await runInProcess(repo.dir, ['review', '--list'])).stdout).toContain('note by Test Author: look at the loop');
  });

  it('splits a hunk, raises and resolves a concern, and goes to a file by name', async () => {
    // One hunk with an unchanged line inside (lines 10 and 12), and a second file.
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.write('b.txt', 'b 1\nb 2\nb 3\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'reset');
    lines[9] = 'line ten';
    lines[11] = 'line twelve';
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.write('b.txt', 'b 1\nb two\nb 3\n');
    repo.git('add', '-A');
    start(100, 30);
    await screenWith('hunk 1 of 2');
    tmux('send-keys', 's');
    await screenWith('split into 2 parts');
    expect(await screenWith('hunk 1 of 3')).toContain('line ten');
    tmux('send-keys', 'y');
    const second = await screenWith('hunk 2 of 3');
    expect(second).toContain('line twelve');
    await typeKeys('!', 'is twelve right?', 'Enter');
    await screenWith('concern');
    await typeKeys('r', 'yes, per the spec', 'Enter');
    await screenWith('concern (resolved)');
    await typeKeys('g', 'b', 'Enter');
    await screenWith('b.txt — modified');
    tmux('send-keys', 'y');
    await screenWith('line twelve');
    tmux('send-keys', 'y');
    const records = await evidence();
    expect(records.find((r) => r.type === 'review')).toMatchObject({ mode: 'terminal', lines: 6 });
    const concern = records.find((r) => r.type === 'concern');
    expect(concern).toMatchObject({ text: 'is twelve right?', path: 'a.txt' });
    expect(records.find((r) => r.type === 'resolve')).toMatchObject({ concern: concern?.id, text: 'yes, per the spec' });
    const reviewGate = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(reviewGate.code, reviewGate.stdout).toBe(0);
  });

  it('falls back to plain lines on a terminal too small to draw a hunk; Ctrl-C keeps the answers', async () => {
    start(30, 8);
    // The notice scrolls off an 8-row screen; the plain view's prompt stays.
    await screenWith('Reviewed? [y,n,s');
    tmux('send-keys', 'y');
    await screenWith('hunk 2 of 2');
    tmux('send-keys', 'C-c');
    const records = await evidence();
    expect(records.find((r) => r.type === 'review')).toMatchObject({ mode: 'terminal', lines: 2 });
  });

  it('records what was answered when the terminal closes (SIGHUP)', async () => {
    start(100, 30);
    await screenWith('hunk 1 of 2');
    tmux('send-keys', 'y');
    await screenWith('hunk 2 of 2');
    await new Promise((r) => setTimeout(r, 500));
    tmux('kill-server');
    const records = await evidence();
    expect(records.find((r) => r.type === 'review')).toMatchObject({ mode: 'terminal', lines: 2 });
  });
});
