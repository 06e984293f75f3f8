// Commands in their own process groups: timeouts and Ctrl-C stop everything a command started.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcess, signalGroup } from '../../src/run/process.js';
import { OutputTail } from '../../src/run/tail.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reviewgate-proc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Alive and not a zombie: a killed process whose parent died waits for init to reap it, and
// kill(pid, 0) still succeeds on it (/proc is Linux; elsewhere kill(pid, 0) decides).
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return !existsSync('/proc/self');
  }
}
async function alive(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && running(pid); i++) await sleep(50);
  return running(pid);
}
// A command whose child and grandchild record their pids and then never exit (the child ignores SIGTERM).
const FOREVER = `node -e "
const { spawn } = require('child_process');
const fs = require('fs');
const c = spawn('sh', ['-c', 'trap \\"\\" TERM; echo \\$\\$ > child.pid; sleep 1000 & echo \\$! > grandchild.pid; wait'], { stdio: 'ignore' });
setInterval(() => {}, 1000);
"`;

async function pidsOf(...names: string[]): Promise<number[]> {
  for (let i = 0; i < 100 && !names.every((n) => existsSync(join(dir, n))); i++) await sleep(50);
  return names.map((n) => Number(readFileSync(join(dir, n), 'utf8').trim()));
}

describe('running a command in its own process group', () => {
  it('kills a command that never exits at its timeout, with every process it started', async () => {
    const started = runProcess(FOREVER, { cwd: dir, timeoutMs: 1000, graceMs: 300, onOutput: () => {} });
    const pids = await pidsOf('child.pid', 'grandchild.pid');
    const result = await started;
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.durationMs).toBeGreaterThanOrEqual(1000);
    for (const pid of pids) expect(await alive(pid)).toBe(false);
  });

  it('stops the whole group on abort (Ctrl-C) and says it was interrupted', async () => {
    const controller = new AbortController();
    const started = runProcess(FOREVER, { cwd: dir, abort: controller.signal, graceMs: 300, onOutput: () => {} });
    const pids = await pidsOf('child.pid', 'grandchild.pid');
    controller.abort();
    const result = await started;
    expect(result.interrupted).toBe(true);
    expect(result.timedOut).toBe(false);
    for (const pid of pids) expect(await alive(pid)).toBe(false);
  });

  it('reports exit 127 for a command that does not exist', async () => {
    let stderr = '';
    const result = await runProcess('reviewgate-no-such-command-xyz', { cwd: dir, onOutput: (c, s) => (stderr += s === 'stderr' ? c : '') });
    expect(result.exitCode).toBe(127);
    expect(stderr).toMatch(/not found/);
  });

  it('reports the signal of a command killed by one', async () => {
    const result = await runProcess('kill -SEGV $$', { cwd: dir, onOutput: () => {} });
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGSEGV', timedOut: false });
  });

  it('streams megabytes of output while keeping only a bounded tail', async () => {
    const tail = new OutputTail(50);
    let bytes = 0;
    const result = await runProcess(`node -e "for (let i = 0; i < 200000; i++) console.log('line ' + i + ' ' + 'x'.repeat(40))"`, {
      cwd: dir,
      onOutput: (chunk) => {
        bytes += chunk.length;
        tail.push(chunk);
      },
    });
    expect(result.exitCode).toBe(0);
    expect(bytes).toBeGreaterThan(9_000_000);
    expect(tail.lines()).toHaveLength(50);
    expect(tail.lines().at(-1)).toMatch(/^line 199999 x+$/);
  });

  it('stops what a command left running in the background when it exits', async () => {
    const result = await runProcess('sleep 1000 & echo $! > bg.pid; exit 0', { cwd: dir, graceMs: 300, onOutput: () => {} });
    expect(result.exitCode).toBe(0);
    const [pid] = await pidsOf('bg.pid');
    expect(await alive(pid as number)).toBe(false);
  });

  it('signalGroup is false for a group that no longer exists', () => {
    expect(signalGroup(2 ** 22 - 3, 0)).toBe(false);
  });
});
