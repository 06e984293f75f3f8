// reviewgate run through the built bin, in throwaway repositories: isolation, repeat skips,
// parallel jobs, timeouts, Ctrl-C, concurrent runs, crashes and a full disk.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvidence } from '../../src/evidence/parse.js';
import type { RunRecord } from '../../src/evidence/types.js';
import { BIN, assertBuilt, runCli, type CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
const EVIDENCE = '.reviewgate/evidence/main.jsonl';

/** Writes and commits the configuration (a change that adds it is not gated by check). */
function configure(run: string): void {
  repo.write('.reviewgate.yml', `version: 1\nrun:\n${run.replace(/^/gm, '  ')}\n`);
  repo.commitAll('config');
}
function stageChange(): void {
  repo.write('a.txt', 'staged\n');
  repo.git('add', '-A');
}
function records(): RunRecord[] {
  if (!existsSync(join(repo.dir, EVIDENCE))) return [];
  return parseEvidence(repo.read(EVIDENCE), EVIDENCE).filter((r): r is RunRecord => r.type === 'run');
}
function ourWorktrees(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('reviewgate-run-') && repo.git('worktree', 'list').includes(n));
}
/** Starts the bin without waiting; resolves when it exits. */
function startCli(args: string[], env: Record<string, string> = {}) {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: repo.dir, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult & { signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}
function livePid(pid: number): boolean {
  return spawnSync('sh', ['-c', `ps -o stat= -p ${pid} | grep -v Z`]).stdout.toString().trim() !== '';
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !test(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(25);
  }
}

// Each test gets its own temporary folder (inherited by the spawned CLI through TMPDIR), so the
// tests that look for a run's temporary worktree never see another test's.
const systemTmp = tmpdir();
let privateTmp = '';
beforeEach(() => {
  privateTmp = mkdtempSync(join(systemTmp, 'reviewgate-run-test-'));
  process.env.TMPDIR = privateTmp;
});
afterEach(() => {
  process.env.TMPDIR = systemTmp;
  rmSync(privateTmp, { recursive: true, force: true });
});

beforeEach(() => {
  repo = makeRepo();
  repo.write('a.txt', 'committed\n');
  repo.write('.gitignore', '*.pid\n*.marker\n');
  repo.commitAll('init');
});
afterEach(() => repo.remove());

describe('reviewgate run', () => {
  it('runs, records exit code, duration, who, Node/OS and the output tail, and skips it on repeat', async () => {
    configure(`commands: ["node -e \\"console.log('hello from the test')\\""]`);
    stageChange();
    const first = await runInProcess(repo.dir, ['run']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('hello from the test');
    expect(first.stderr).toMatch(/✓ node -e .* \(\d/);
    const [record] = records();
    expect(record).toMatchObject({ exitCode: 0, isolated: false, by: { name: 'Test Author' }, node: process.version, output: ['hello from the test'] });
    const again = await runInProcess(repo.dir, ['run']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already passed on this exact content; not run again');
    expect(records()).toHaveLength(1);
    expect((await runInProcess(repo.dir, ['run', '--force'])).code).toBe(0);
    expect(records()).toHaveLength(2);
    const list = await runInProcess(repo.dir, ['run', '--list']);
    expect(list.stdout).toMatch(/command +result +duration +when +who +where/);
    expect(list.stdout).toMatch(/node -e .* +passed .* Test Author +work tree/);
  });

  it('refuses a dirty work tree and offers both ways out', async () => {
    configure('commands: ["true"]');
    stageChange();
    repo.write('a.txt', 'unstaged edit\n');
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('modified:  a.txt');
    expect(r.stderr).toContain('git stash push --keep-index --include-untracked');
    expect(r.stderr).toContain('reviewgate run --isolated');
    expect(records()).toHaveLength(0);
  });

  it('--isolated runs exactly the staged content in a temporary worktree and removes it', async () => {
    configure(`commands: ["node -e \\"if (require('fs').readFileSync('a.txt','utf8') !== 'staged\\\\n') process.exit(9)\\""]`);
    stageChange();
    repo.write('a.txt', 'unstaged edit\n');
    repo.write('untracked.txt', 'x');
    const indexBefore = repo.git('ls-files', '-s', '--debug');
    const r = await runInProcess(repo.dir, ['run', '--isolated']);
    expect(r.stderr).toContain('isolated: running in');
    expect(r.code).toBe(0);
    expect(records()[0]).toMatchObject({ isolated: true, exitCode: 0 });
    expect(ourWorktrees()).toEqual([]);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(repo.read('a.txt')).toBe('unstaged edit\n');
    // The user's index holds only what it held, plus the staged evidence.
    expect(repo.git('ls-files', '-s', '--', 'a.txt')).toBe(indexBefore.split('\n').find((l) => l.endsWith('a.txt')));
    expect((await runInProcess(repo.dir, ['check', '--gate', 'run'])).code).toBe(0);
  });

  it('run.isolated: always isolates by default; setup runs there and link brings folders in', async () => {
    mkdirSync(join(repo.dir, 'deps'));
    writeFileSync(join(repo.dir, 'deps', 'lib.txt'), 'linked');
    repo.write('.gitignore', '*.pid\n*.marker\ndeps\nsetup.out\n');
    repo.commitAll('ignore deps');
    configure([
      `commands: ["node -e \\"const fs=require('fs'); if (fs.readFileSync('deps/lib.txt','utf8')!=='linked' || !fs.existsSync('setup.out')) process.exit(3)\\""]`,
      'isolated: { always: true, setup: ["echo ok > setup.out"], link: ["deps"] }',
    ].join('\n'));
    stageChange();
    repo.write('dirty.txt', 'x');
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.stderr).toContain('isolated: running in');
    expect(r.code).toBe(0);
    expect(records()[0]?.isolated).toBe(true);
    expect(existsSync(join(repo.dir, 'setup.out'))).toBe(false);
  });

  it('reports a failing isolated setup as a setup failure and records nothing', async () => {
    configure('commands: ["node -e 0"]\nisolated: { setup: ["node -e \\"process.exit(5)\\""] }');
    stageChange();
    const r = await runInProcess(repo.dir, ['run', '--isolated']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run.isolated.setup failed: `node -e "process.exit(5)"` (exit 5) in the temporary worktree; the commands did not run and nothing was recorded');
    expect(records()).toEqual([]);
  });

  it('--isolated --range runs on the last commit of the range', async () => {
    configure(`commands: ["node -e \\"process.exit(require('fs').readFileSync('a.txt','utf8') === 'second\\\\n' ? 0 : 4)\\""]`);
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('a.txt', 'second\n');
    repo.commitAll('second');
    repo.write('a.txt', 'work in progress\n');
    expect((await runInProcess(repo.dir, ['run', '--range', `${base}..HEAD`])).code).toBe(2);
    const r = await runInProcess(repo.dir, ['run', '--isolated', '--range', `${base}..HEAD`]);
    expect(r.code).toBe(0);
    expect(records()[0]).toMatchObject({ isolated: true, exitCode: 0 });
  });

  it('voids a run that changes tracked files and lists what changed', async () => {
    configure('commands: ["echo changed > a.txt"]');
    stageChange();
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('changed files while running (a.txt): the run is void');
    expect(records()[0]).toMatchObject({ void: true, changed: ['a.txt'] });
  });

  it('records a missing command as failed with exit 127 and says so', async () => {
    configure('commands: ["reviewgate-no-such-tool --flag"]');
    stageChange();
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('reviewgate-no-such-tool --flag: command not found (exit 127');
    expect(records()[0]).toMatchObject({ exitCode: 127 });
    expect((await runInProcess(repo.dir, ['check', '--gate', 'run'])).stdout).toContain('exit 127: command not found');
  });

  it('records a command killed by a signal', async () => {
    configure('commands: ["kill -KILL $$"]');
    stageChange();
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('killed by SIGKILL');
    expect(records()[0]).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
  });

  it('streams megabytes of output and keeps only the last 50 lines, secrets masked', async () => {
    configure(`commands: ["node -e \\"for (let i = 0; i < 100000; i++) console.log(i + ' ' + process.env.MY_API_TOKEN + ' Bearer abc.def')\\""]`);
    stageChange();
    const r = await startCli(['run'], { MY_API_TOKEN: 'tok-1234567890' }).done;
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(2_000_000);
    const output = records()[0]?.output ?? [];
    expect(output).toHaveLength(50);
    expect(output.at(-1)).toBe('99999 *** Bearer ***');
    expect(repo.read(EVIDENCE)).not.toContain('tok-1234567890');
  });

  it('runs run.jobs commands in parallel and prints each one\'s output as one block', async () => {
    configure([
      'jobs: 2',
      `commands: ["node -e \\"console.log('A1'); setTimeout(() => console.log('A2'), 300)\\"", "node -e \\"setTimeout(() => console.log('B1'), 100)\\""]`,
    ].join('\n'));
    stageChange();
    const started = Date.now();
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toMatch(/── output of [^\n]*B1[^\n]*──\nB1\n✓/);
    expect(r.stderr).toMatch(/── output of [^\n]*A1[^\n]*──\nA1\nA2\n✓/);
    expect(records()).toHaveLength(2);
  });

  it('kills a command over run.timeout with its child processes, records it as timed out, and the gate says so', async () => {
    configure(['timeout: 1s', `commands: ["sleep 1000 & echo $! > bg.pid; sleep 1000"]`].join('\n'));
    stageChange();
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('timed out after 1s');
    expect(records()[0]).toMatchObject({ timedOut: true });
    const pid = Number(repo.read('bg.pid').trim());
    // Gone, or a zombie waiting for init to reap it.
    await until(() => !livePid(pid));
    expect((await runInProcess(repo.dir, ['check', '--gate', 'run'])).stdout).toMatch(/timed out after 1(\.\d)?s/);
  });

  it('two runs at once: the second refuses clearly, nothing is corrupted', async () => {
    configure(`commands: ["node -e \\"require('fs').writeFileSync('first.marker', ''); setTimeout(() => {}, 1500)\\""]`);
    stageChange();
    const first = startCli(['run']);
    await until(() => existsSync(join(repo.dir, 'first.marker')));
    const second = await runInProcess(repo.dir, ['run']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another reviewgate run is already running in this work tree \(process \d+/);
    expect((await first.done).code).toBe(0);
    expect(records()).toHaveLength(1);
    expect((await runInProcess(repo.dir, ['run', '--force'])).code).toBe(0);
  });

  it('Ctrl-C stops the running commands with their children, records nothing for them, leaves no lock or worktree, exits 130', async () => {
    configure(`commands: ["sleep 1000 & echo $! > bg.pid; echo started; sleep 1000"]`);
    stageChange();
    const run = startCli(['run', '--isolated']);
    await until(() => run.stderr().includes('isolated: running in') && readdirSync(tmpdir()).some((n) => n.startsWith('reviewgate-run-') && existsSync(join(tmpdir(), n, 'bg.pid'))));
    const dir = readdirSync(tmpdir()).find((n) => n.startsWith('reviewgate-run-') && existsSync(join(tmpdir(), n, 'bg.pid'))) as string;
    const pid = Number(spawnSync('cat', [join(tmpdir(), dir, 'bg.pid')]).stdout.toString().trim());
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('stopping the running commands');
    expect(records()).toHaveLength(0);
    expect(existsSync(join(tmpdir(), dir))).toBe(false);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(existsSync(join(repo.dir, '.git/reviewgate/run.lock'))).toBe(false);
    await until(() => !livePid(pid));
  });

  it('finds and removes a temporary worktree left by a crashed run', async () => {
    configure(`commands: ["node -e \\"require('fs').writeFileSync('started.marker', String(process.pid)); setTimeout(() => {}, 60000)\\""]`);
    stageChange();
    const run = startCli(['run', '--isolated']);
    let dir = '';
    await until(() => {
      dir = readdirSync(tmpdir()).find((n) => n.startsWith('reviewgate-run-') && existsSync(join(tmpdir(), n, 'started.marker'))) ?? '';
      return dir !== '';
    });
    run.child.kill('SIGKILL');
    await run.done;
    // The killed run's command lives on, orphaned: stop it by its pid.
    process.kill(Number(spawnSync('cat', [join(tmpdir(), dir, 'started.marker')]).stdout.toString()), 'SIGKILL');
    expect(existsSync(join(tmpdir(), dir))).toBe(true);
    expect(repo.git('worktree', 'list')).toContain(dir);
    configure('commands: ["true"]');
    stageChange();
    const next = await runInProcess(repo.dir, ['run']);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`removed ${join(tmpdir(), dir)}, left behind by a run that was killed`);
    expect(existsSync(join(tmpdir(), dir))).toBe(false);
    expect(repo.git('worktree', 'list')).not.toContain(dir);
    expect(readdirSync(join(repo.dir, '.git/reviewgate/runs'))).toEqual([]);
  });

  it('keeps the evidence file valid when killed with SIGKILL while recording', async () => {
    configure('commands: ["true", "true ", "true  "]');
    stageChange();
    for (const delay of [150, 200, 250, 300, 350, 400]) {
      const run = startCli(['run', '--force']);
      await sleep(delay);
      run.child.kill('SIGKILL');
      await run.done;
      expect(() => records()).not.toThrow();
    }
    // No lock or temporary file is left in the way of the next run.
    const next = runCli(repo.dir, ['run', '--force']);
    expect(next.code).toBe(0);
    expect(records().length).toBeGreaterThanOrEqual(3);
    expect(repo.git('status', '--porcelain', '--untracked-files=all', '.reviewgate')).not.toMatch(/\?\?/);
  });

  it('stages the evidence folder\'s .gitattributes after a writer killed between writing it and git add', async () => {
    configure('commands: ["true"]');
    stageChange();
    const ATTRIBUTES = '.reviewgate/.gitattributes';
    const staged = () => repo.git('ls-files', '--stage', '--', ATTRIBUTES);
    // SIGKILL reaches the writer alone, as `kill -9 <pid>` would: a git it started lives on and
    // finishes by itself (the next writer waits for the index lock it may still hold).
    // `wholeGroup` also kills those children (its own process group).
    const killedWriter = async (when: { ms: number } | { marker: string }, env: Record<string, string> = {}, wholeGroup = false) => {
      const child = spawn(process.execPath, [BIN, 'run', '--force'], { cwd: repo.dir, env: cleanEnv(env), stdio: 'ignore', detached: true });
      const closed = new Promise((resolve) => child.on('close', resolve));
      if ('ms' in when) await sleep(when.ms);
      else await until(() => existsSync(when.marker));
      try {
        process.kill(wholeGroup ? -(child.pid as number) : (child.pid as number), 'SIGKILL');
      } catch {
        // it had already finished
      }
      await closed;
    };
    const nextWriterStages = () => {
      const next = runCli(repo.dir, ['run', '--force']);
      expect(next.code, next.stderr).toBe(0);
      expect(staged()).toMatch(/^100644 [0-9a-f]+ 0\t\.reviewgate\/\.gitattributes$/);
      expect(repo.read(ATTRIBUTES)).toContain('evidence/*.jsonl merge=union');
      // What is staged is what is in the work tree, and nothing in the folder is left untracked.
      expect(repo.git('diff', '--name-only', '--', '.reviewgate')).toBe('');
      expect(repo.git('status', '--porcelain', '--untracked-files=all', '--', '.reviewgate')).not.toMatch(/\?\?/);
      expect(() => records()).not.toThrow();
    };

    // Exactly between the two: a `git` first on PATH that, for `add`, leaves a marker and waits;
    // the writer and that waiting `git` are killed together, so the add never happens.
    const shim = join(tmpdir(), 'shim');
    const marker = join(tmpdir(), 'git-add.marker');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    mkdirSync(shim);
    writeFileSync(join(shim, 'git'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = add ] && : > '${marker}' && sleep 60; done\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    await killedWriter({ marker }, { PATH: `${shim}:${process.env.PATH ?? ''}` }, true);
    expect(existsSync(join(repo.dir, ATTRIBUTES))).toBe(true);
    expect(staged()).toBe('');
    nextWriterStages();

    // A missing one (deleted and unstaged) is written and staged again.
    repo.git('rm', '-q', '--cached', '--', ATTRIBUTES);
    rmSync(join(repo.dir, ATTRIBUTES));
    nextWriterStages();

    // Killed at other moments: before, during or after its write and its `git add`.
    for (const ms of [0, 40, 80, 120, 160, 200, 250, 300, 400]) {
      repo.git('rm', '-q', '--cached', '--', ATTRIBUTES);
      await killedWriter({ ms });
      nextWriterStages();
    }
  });

  it('says so clearly when the disk is full while writing evidence, and writes nothing', async () => {
    configure(`commands: ["node -e \\"for (let i = 0; i < 60; i++) console.log('line ' + i + ' '.repeat(60) + i)\\""]`);
    stageChange();
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    const before = repo.read(EVIDENCE);
    // A file-size limit makes the evidence write fail with EFBIG, as a full disk fails with
    // ENOSPC (Node ignores SIGXFSZ, so the write returns the error instead of killing us).
    const r = spawnSync('sh', ['-c', `ulimit -f ${Math.ceil(before.length / 1024)}; exec "${process.execPath}" "${BIN}" run --force`], {
      cwd: repo.dir,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('could not write the run records (EFBIG');
    expect(r.stderr).toContain('nothing was recorded and the evidence file is unchanged');
    expect(repo.read(EVIDENCE)).toBe(before);
    expect(readdirSync(join(repo.dir, '.reviewgate/evidence'))).toEqual(['main.jsonl']);
  });
});
