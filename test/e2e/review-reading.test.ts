// The walker's reading aids through a real pseudo-terminal (tmux) and the built bin: a moved block
// confirmed with one key, "flag: come back" kept for the next session, and what a rebase keeps.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
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
  return spawnSync('tmux', ['-L', socket, ...args], { env: cleanEnv({ TERM: 'xterm-256color' }), encoding: 'utf8' }).stdout;
}
async function screenWith(text: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = tmux('capture-pane', '-p');
    if (last.includes(text)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed "${text}"; it showed:\n${last}`);
}
function records(): Record<string, unknown>[] {
  const dir = join(repo.dir, '.reviewgate/evidence');
  const text = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}
async function finished(timeoutMs = 30_000): Promise<void> {
  await screenWith('Next:', timeoutMs);
}
function start(): void {
  assertBuilt();
  tmux('kill-server');
  tmux('new-session', '-d', '-x', '110', '-y', '30', `cd '${repo.dir}' && NO_COLOR=1 '${process.execPath}' '${BIN}' review; sleep 30`);
}

const FN = ['export function total(items) {', '  return items.reduce((sum, i) => sum + i.price, 0);', '}'];

beforeEach(() => {
  socket = `rg-read-${process.pid}-${n++}`;
  repo = makeRepo();
});
afterEach(() => {
  tmux('kill-server');
  // The killed walker may still be finishing a write.
  rmSync(repo.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe.skipIf(!hasTmux)('reading aids in the walker', () => {
  it('shows a moved block as one item, confirms it with y, and the gate then holds', async () => {
    repo.write('a.js', ['// a', ...FN, '// end a', ''].join('\n'));
    repo.write('b.js', ['// b', '// end b', ''].join('\n'));
    repo.commitAll('initial');
    repo.write('a.js', ['// a', '// end a', ''].join('\n'));
    repo.write('b.js', ['// b', ...FN.map((l) => `  ${l}`), '// end b', ''].join('\n'));
    repo.git('add', '-A');
    start();
    const screen = await screenWith('moved from a.js:2, unchanged');
    expect(screen).toContain('hunk 1 of 1');
    expect(screen).toContain('lines reviewed 0/6');
    tmux('send-keys', 'y');
    await finished();
    const review = records().find((r) => r.type === 'review') as { lines: number; keys: string[]; items: { move?: unknown }[] };
    expect(review.keys).toHaveLength(6);
    expect(review.lines).toBe(0);
    expect(review.items[0]?.move).toEqual({ from: 'a.js', line: 2, lines: 6 });
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'])).code).toBe(0);
  });

  it('f flags a hunk to come back to; the next session shows it last, marked', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.commitAll('initial');
    lines[1] = 'line two';
    lines[15] = 'line sixteen';
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.git('add', '-A');
    start();
    await screenWith('hunk 1 of 2');
    tmux('send-keys', 'f');
    await screenWith('flagged: come back to it');
    expect(await screenWith('hunk 2 of 2')).toContain('line sixteen');
    tmux('send-keys', 'q');
    await finished();
    start();
    const again = await screenWith('hunk 2 of 2');
    expect(again).toContain('line sixteen');
    tmux('send-keys', 'y');
    const flagged = await screenWith('⚑ flagged · hunk 1 of 2');
    expect(flagged).toContain('line two');
    tmux('send-keys', 'q');
    await finished();
  });
});

describe('after a rebase', () => {
  it('says there is nothing new to review when every key keeps its review, and otherwise shows only what is new', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.write('other.txt', 'one\n');
    // This test answers through a pipe: the rules of the base allow it.
    repo.write('.reviewgate.yml', 'version: 1\nreview:\n  piped: allow\n');
    repo.commitAll('initial');
    repo.git('checkout', '-q', '-b', 'feature');
    lines[20] = 'line twenty-one, changed';
    repo.write('a.txt', `${lines.join('\n')}\n`);
    repo.commitAll('feature change');
    expect((await runInProcess(repo.dir, ['review', '--range', 'main..feature'], { input: 'y\n' })).code).toBe(0);
    repo.git('commit', '-q', '--no-verify', '-m', 'review evidence');
    // main moves on; the feature is rebased onto it (its lines shift, its content does not).
    repo.git('checkout', '-q', 'main');
    repo.write('a.txt', `new first line\n${readFileSync(join(repo.dir, 'a.txt'), 'utf8')}`);
    repo.commitAll('main change');
    repo.git('checkout', '-q', 'feature');
    repo.git('rebase', '-q', 'main');
    const same = await runInProcess(repo.dir, ['review', '--range', 'main..feature'], { input: '' });
    expect(same.stdout).toContain('Nothing new to review: every changed line is already reviewed (after a rebase, the reviews carried over)');
    expect(same.code).toBe(0);
    // A real edit on top: only its lines are asked for.
    const now = readFileSync(join(repo.dir, 'a.txt'), 'utf8').replace('line 5\n', 'line five\n');
    repo.write('a.txt', now);
    repo.commitAll('edit');
    const edited = await runInProcess(repo.dir, ['review', '--range', 'main..feature'], { input: 'q\n' });
    expect(edited.stdout).toMatch(/2 changed lines keep an earlier review; showing only what is new: 2 lines/);
  });
});
