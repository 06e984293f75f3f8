// The hooks, tested the way they are used: installed by the built bin into a throwaway repository
// and run by real `git commit` / `git push`.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { assertBuilt } from '../helpers/cli.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/reviewgate.js', import.meta.url));
const PASSING = 'version: 1\nplan: { required: false }\nreview: { required: false }\nrun: { required: false }\ntests: { required: false }\n';

beforeAll(() => {
  // Never build here: other workers are running the bin (npm test builds it first).
  assertBuilt();
});

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length > 0) cleanup.pop()?.();
});

/** `reviewgate hooks ...` in the test process; the hooks it installs spawn the bin. */
async function rg(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = await runInProcess(cwd, args, { env });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** A repository with one commit, where the hook finds reviewgate at node_modules/.bin (ignored). */
function project(options: { tool?: 'real' | 'none' | string } = {}): TestRepo {
  const repo = makeRepo();
  cleanup.push(() => repo.remove());
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('README.md', 'hello\n');
  const tool = options.tool ?? 'real';
  if (tool === 'real') repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  else if (tool !== 'none') {
    repo.write('node_modules/.bin/reviewgate', tool);
    repo.chmod('node_modules/.bin/reviewgate', 0o755);
  }
  repo.commitAll('initial');
  return repo;
}

function commit(repo: TestRepo, args: string[] = [], env: Record<string, string> = {}) {
  const before = repo.git('rev-parse', 'HEAD');
  const result = repo.gitResult(['commit', '-m', 'change', ...args], { env });
  return { ...result, output: `${result.stdout}${result.stderr}`, committed: repo.git('rev-parse', 'HEAD') !== before };
}

async function install(repo: TestRepo, ...flags: string[]) {
  const result = await rg(repo.dir, ['hooks', 'install', ...flags]);
  expect(result.status, result.stderr).toBe(0);
  return result;
}

const snapshot = (dir: string) =>
  ['pre-commit', 'pre-push', 'pre-commit.reviewgate-chained', 'pre-push.reviewgate-chained'].map((name) => {
    const path = join(dir, name);
    return existsSync(path) ? { name, text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 } : { name, absent: true };
  });

describe('reviewgate hooks install, through real git commits', () => {
  it('installs both hooks when no flag is given, only one with a flag', async () => {
    const repo = project();
    const out = (await install(repo)).stdout;
    expect(out).toMatch(/pre-commit: installed/);
    expect(out).toMatch(/pre-push: installed/);
    for (const hook of ['pre-commit', 'pre-push']) expect(statSync(join(repo.dir, '.git/hooks', hook)).mode & 0o111).not.toBe(0);
    const other = project();
    await install(other, '--pre-push');
    expect(existsSync(join(other.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(existsSync(join(other.dir, '.git/hooks/pre-push'))).toBe(true);
  });

  it('blocks a commit when reviewgate check fails (plain, -a and <path> commits)', async () => {
    const repo = project();
    await install(repo);
    repo.write('src/price.ts', 'export const price = 1;\n');
    repo.git('add', 'src/price.ts');
    const blocked = commit(repo);
    expect(blocked.status).not.toBe(0);
    expect(blocked.committed).toBe(false);
    expect(blocked.output).toContain('reviewgate plan');

    repo.git('commit', '-q', '--no-verify', '-m', 'price');
    repo.write('src/price.ts', 'export const price = 2;\n');
    expect(commit(repo, ['-a']).committed).toBe(false);
    expect(commit(repo, ['src/price.ts']).committed).toBe(false);
  });

  it('lets a commit through when the check passes', async () => {
    const repo = project();
    await install(repo);
    repo.write('.reviewgate.yml', PASSING);
    repo.write('src/price.ts', 'export const price = 1;\n');
    repo.git('add', '.reviewgate.yml', 'src/price.ts');
    const passed = commit(repo);
    expect(passed.status, passed.output).toBe(0);
    expect(passed.committed).toBe(true);
    repo.write('src/price.ts', 'export const price = 2;\n');
    expect(commit(repo, ['-a']).committed).toBe(true);
  });

  it('changes nothing when installed twice', async () => {
    const repo = project();
    await install(repo);
    const first = snapshot(join(repo.dir, '.git/hooks'));
    expect((await install(repo)).stdout).toMatch(/pre-commit: already installed, unchanged/);
    expect(snapshot(join(repo.dir, '.git/hooks'))).toEqual(first);
  });

  it('keeps an existing hook, runs it first, and lets it block the commit', async () => {
    const repo = project();
    const foreign = '#!/bin/sh\necho "foreign hook ran" >>"$(git rev-parse --git-dir)/foreign.log"\nexit "${FOREIGN_EXIT:-0}"\n';
    repo.write('.git/hooks/pre-commit', foreign);
    repo.chmod('.git/hooks/pre-commit', 0o750);
    expect((await install(repo)).stdout).toMatch(/pre-commit: installed; the hook that was there runs first/);
    expect(repo.read('.git/hooks/pre-commit.reviewgate-chained')).toBe(foreign);

    repo.write('.reviewgate.yml', PASSING);
    repo.git('add', '.reviewgate.yml');
    const blocked = commit(repo, [], { FOREIGN_EXIT: '3' });
    expect(blocked.committed).toBe(false);
    expect(repo.read('.git/foreign.log')).toBe('foreign hook ran\n');
    const passed = commit(repo);
    expect(passed.committed, passed.output).toBe(true);
    expect(repo.read('.git/foreign.log')).toBe('foreign hook ran\nforeign hook ran\n');
  });

  it('uninstall restores exactly what was there: the earlier hook with its mode, or nothing', async () => {
    const repo = project();
    repo.write('.git/hooks/pre-push', '#!/bin/sh\nexit 0\n');
    repo.chmod('.git/hooks/pre-push', 0o700);
    const before = snapshot(join(repo.dir, '.git/hooks'));
    await install(repo);
    const result = await rg(repo.dir, ['hooks', 'uninstall']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/pre-push: removed; the earlier hook is back in place/);
    expect(snapshot(join(repo.dir, '.git/hooks'))).toEqual(before);
  });

  it('status says installed or not, chained or not, and whether git runs it', async () => {
    const repo = project();
    expect((await rg(repo.dir, ['hooks', 'status'])).stdout).toMatch(/pre-commit: not installed \(fix: reviewgate hooks install --pre-commit\)/);
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\nexit 0\n');
    repo.chmod('.git/hooks/pre-commit', 0o755);
    await install(repo);
    let out = (await rg(repo.dir, ['hooks', 'status'])).stdout;
    expect(out).toContain("Hooks directory git uses: .git/hooks (git's default)");
    expect(out).toMatch(/pre-commit: installed; chained: .git\/hooks\/pre-commit.reviewgate-chained runs first; git runs it/);
    expect(out).toMatch(/pre-push: installed; no chained hook; git runs it/);
    repo.chmod('.git/hooks/pre-push', 0o644);
    out = (await rg(repo.dir, ['hooks', 'status', '--pre-push'])).stdout;
    expect(out).toMatch(/pre-push: installed; no chained hook; git does NOT run it: not executable \(fix: chmod \+x .git\/hooks\/pre-push\)/);
    expect(out).not.toContain('pre-commit:');
  });

  it('honours core.hooksPath: installs where git runs hooks and says so', async () => {
    const repo = project();
    repo.git('config', 'core.hooksPath', '.githooks');
    expect((await install(repo)).stdout).toContain('Hooks directory: .githooks (core.hooksPath=.githooks)');
    expect(existsSync(join(repo.dir, '.githooks/pre-commit'))).toBe(true);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect((await rg(repo.dir, ['hooks', 'status'])).stdout).toContain('core.hooksPath is set: git ignores .git/hooks');
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.git('add', 'src/a.ts');
    expect(commit(repo).committed).toBe(false);
  });

  it('runs in a linked worktree, finding reviewgate in the main worktree', async () => {
    const repo = project();
    const wt = join(dirname(repo.dir), `${basename(repo.dir)}-wt`);
    repo.git('worktree', 'add', '-q', '-b', 'feature', wt);
    cleanup.push(() => rmSync(wt, { recursive: true, force: true }));
    // Installed from inside the worktree: hooks are shared, so they go to the common git dir.
    const result = await rg(wt, ['hooks', 'install']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(true);
    expect(existsSync(join(wt, 'node_modules'))).toBe(false);

    const inWt = (args: string[]) => spawnSync('git', args, { cwd: wt, env: cleanEnv(), encoding: 'utf8' });
    writeFileSync(join(wt, 'a.ts'), 'export const a = 1;\n');
    inWt(['add', 'a.ts']);
    const blocked = inWt(['commit', '-m', 'a']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('reviewgate plan');
    writeFileSync(join(wt, '.reviewgate.yml'), PASSING);
    inWt(['add', '.reviewgate.yml']);
    const passed = inWt(['commit', '-m', 'a']);
    expect(passed.status, passed.stderr).toBe(0);
  });

  it('fails closed when reviewgate is not installed, saying how to install it and how to bypass once', async () => {
    const repo = project({ tool: 'none' });
    await install(repo);
    repo.write('README.md', 'changed\n');
    repo.git('add', 'README.md');
    const result = commit(repo, [], { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` });
    expect(result.committed).toBe(false);
    expect(result.stderr).toContain('the pre-commit hook cannot find reviewgate');
    expect(result.stderr).toContain('npm install --save-dev reviewgate');
    expect(result.stderr).toContain('git commit --no-verify');
  });

  it('pre-push hands git\'s arguments and ref lines to both the chained hook and reviewgate', async () => {
    // A stand-in reviewgate that records what the hook gives it: this test is about the hook's plumbing.
    const repo = project({ tool: '#!/bin/sh\nprintf "%s\\n" "$@" >"$PWD/.git/rg-args"\ncat >"$PWD/.git/rg-stdin"\n' });
    repo.write('.git/hooks/pre-push', '#!/bin/sh\ncat >"$PWD/.git/chained-stdin"\n');
    repo.chmod('.git/hooks/pre-push', 0o755);
    await install(repo, '--pre-push');
    const remote = makeRepo({ bare: true });
    cleanup.push(() => remote.remove());
    repo.git('remote', 'add', 'origin', remote.dir);
    const push = repo.gitResult(['push', '-q', 'origin', 'main']);
    expect(push.status, push.stderr).toBe(0);
    const head = repo.git('rev-parse', 'HEAD');
    const line = `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`;
    expect(repo.read('.git/chained-stdin')).toBe(line);
    expect(repo.read('.git/rg-stdin')).toBe(line);
    expect(repo.read('.git/rg-args')).toBe(`check\n--pre-push\norigin\n${remote.dir}\n`);
  });

  it('uninstall also removes a hook left in .git/hooks after core.hooksPath was set', async () => {
    const repo = project();
    await install(repo);
    repo.git('config', 'core.hooksPath', '.githooks');
    expect((await rg(repo.dir, ['hooks', 'status'])).stdout).toContain('a reviewgate hook sits in .git/hooks, which git does not use while core.hooksPath is set');
    const out = (await rg(repo.dir, ['hooks', 'uninstall'])).stdout;
    expect(out).toContain('pre-commit: removed (.git/hooks/pre-commit)');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('pre-push with the real tool blocks an unverified push and lets a passing one through', async () => {
    const repo = project();
    await install(repo, '--pre-push');
    const remote = makeRepo({ bare: true });
    cleanup.push(() => remote.remove());
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const tip = () => remote.gitResult(['rev-parse', 'refs/heads/main']).stdout.trim();

    repo.write('.reviewgate.yml', PASSING);
    repo.commitAll('gates not required');
    const passed = repo.gitResult(['push', '-q', 'origin', 'main']);
    expect(passed.status, passed.stderr).toBe(0);
    expect(tip()).toBe(repo.git('rev-parse', 'HEAD'));

    // The stricter rules are judged by the looser ones already on the remote, then apply.
    repo.write('.reviewgate.yml', 'version: 1\n');
    repo.commitAll('gates required');
    expect(repo.gitResult(['push', '-q', 'origin', 'main']).status).toBe(0);
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.commitAll('unverified change');
    const blocked = repo.gitResult(['push', '-q', 'origin', 'main']);
    expect(blocked.status).not.toBe(0);
    expect(tip()).toBe(repo.git('rev-parse', 'HEAD~1'));
  });
});

describe('reviewgate hooks with a hook manager', () => {
  it('husky: adds its lines to .husky/ and never touches core.hooksPath', async () => {
    const repo = project();
    mkdirSync(join(repo.dir, '.husky/_'), { recursive: true });
    repo.write('.husky/pre-commit', 'npm test\n');
    repo.git('config', 'core.hooksPath', '.husky/_');
    const out = (await install(repo)).stdout;
    expect(out).toContain('uses husky');
    expect(repo.read('.husky/pre-commit')).toBe('npm test\nnpx --no-install reviewgate check\n');
    expect(repo.read('.husky/pre-push')).toBe('#!/usr/bin/env sh\nnpx --no-install reviewgate check --pre-push "$1" "$2"\n');
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(existsSync(join(repo.dir, '.husky/_/pre-commit'))).toBe(false);

    await install(repo);
    expect(repo.read('.husky/pre-commit')).toBe('npm test\nnpx --no-install reviewgate check\n');
    expect((await rg(repo.dir, ['hooks', 'status'])).stdout).toContain('.husky/pre-commit: runs reviewgate');
    expect((await rg(repo.dir, ['hooks', 'uninstall'])).status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe('npm test\n');
    expect(existsSync(join(repo.dir, '.husky/pre-push'))).toBe(false);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
  });

  it('husky by core.hooksPath alone: prints the lines to add', async () => {
    const repo = project();
    repo.git('config', 'core.hooksPath', '.husky/_');
    const out = (await install(repo)).stdout;
    expect(out).toContain('.husky/pre-commit:  npx --no-install reviewgate check');
    expect(out).toContain('.husky/pre-push:  npx --no-install reviewgate check --pre-push "$1" "$2"');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
  });

  it('lefthook: prints the YAML to add and writes no hook', async () => {
    const repo = project();
    repo.write('lefthook.yml', 'pre-commit:\n  commands: {}\n');
    const out = (await install(repo)).stdout;
    expect(out).toContain('Add this to lefthook.yml:');
    expect(out).toContain('run: npx --no-install reviewgate check --pre-push {1} {2}');
    expect(out).toContain('use_stdin: true');
    expect(out).toContain('npx lefthook install');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(repo.read('lefthook.yml')).toBe('pre-commit:\n  commands: {}\n');
  });

  it('pre-commit framework: prints the YAML, points at .pre-commit-hooks.yaml, writes no hook', async () => {
    const repo = project();
    repo.write('.pre-commit-config.yaml', 'repos: []\n');
    const out = (await install(repo)).stdout;
    expect(out).toContain('Add this to .pre-commit-config.yaml:');
    expect(out).toContain('- repo: local');
    expect(out).toContain('.pre-commit-hooks.yaml');
    expect(out).toContain('pre-commit install --hook-type pre-commit --hook-type pre-push');
    expect(lstatSync(join(repo.dir, '.git/hooks')).isDirectory()).toBe(true);
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });
});
