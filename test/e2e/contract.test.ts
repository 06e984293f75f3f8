// The command-line contract at its edges, through the built bin: the JSON shape scripts rely on,
// exit 2 for what is not a gate failure, and git's environment on every read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/exec.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'version: 1\nrun:\n  commands: ["node -e 0"]\n');
  repo.write('src/a.js', 'one\n');
  repo.commitAll('initial');
});
afterEach(() => repo.remove());

describe('check --format json', () => {
  it('lists all four gates in the contract order, whichever gates were asked for', async () => {
    repo.write('src/a.js', 'two\n');
    repo.git('add', '-A');
    for (const args of [[], ['--gate', 'tests', '--gate', 'plan'], ['--gate', 'run']]) {
      const r = await runInProcess(repo.dir, ['check', '--format', 'json', ...args]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { gates: { id: string }[] };
      expect(report.gates.map((g) => g.id)).toEqual(['plan', 'review', 'run', 'tests']);
    }
  });
});

describe('a git failure is exit 2, never a gate verdict', () => {
  it('exits 2 when a staged object is missing from the object store', async () => {
    repo.write('src/b.js', 'brand new content\n');
    repo.git('add', 'src/b.js');
    const oid = repo.git('rev-parse', ':src/b.js');
    unlinkSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    // git reads an unchanged work-tree file in place of the blob; make it differ so git must fail.
    repo.write('src/b.js', 'other\n');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git/);
    expect(r.stdout).not.toMatch(/✓ review/);
  });
});

describe('a range that reaches a shallow boundary', () => {
  it('exits 2 with the fetch that brings the history', async () => {
    repo.write('src/a.js', 'two\n');
    repo.commitAll('second');
    repo.git('branch', 'side', 'HEAD~1');
    repo.write('src/a.js', 'three\n');
    repo.commitAll('third');
    const dir = mkdtempSync(join(tmpdir(), 'reviewgate-shallow-'));
    try {
      const env = cleanEnv();
      execFileSync('git', ['clone', '-q', '--depth=1', '--branch', 'main', `file://${repo.dir}`, dir], { env });
      execFileSync('git', ['fetch', '-q', '--depth=1', 'origin', 'side:side'], { cwd: dir, env });
      const r = await runInProcess(dir, ['check', '--range', 'side..main']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cut off (a shallow clone)');
      expect(r.stderr).toContain('git fetch --no-tags --unshallow origin');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the evidence folder is not a hiding place', () => {
  it('keeps a file renamed from src/ into the evidence folder reviewable', async () => {
    mkdirSync(join(repo.dir, '.reviewgate'), { recursive: true });
    repo.git('mv', 'src/a.js', '.reviewgate/a.js');
    const r = await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review']);
    const review = (JSON.parse(r.stdout) as { gates: { id: string; ok: boolean; findings: { file?: string; message: string }[] }[] }).gates.find((g) => g.id === 'review')!;
    expect(review.ok).toBe(false);
    // The new place itself, not only the deleted old one.
    expect(JSON.stringify(review.findings)).toContain('.reviewgate/a.js');
  });
});

describe('read-only git', () => {
  it('runs every git command with GIT_OPTIONAL_LOCKS=0, so a read never rewrites the index', async () => {
    // An alias starting with ! runs a shell with git's environment: the gateway's own env shows.
    const out = await new Git(repo.dir).text(['-c', 'alias.showenv=!env', 'showenv']);
    expect(out.split('\n')).toContain('GIT_OPTIONAL_LOCKS=0');
  });

  it('leaves the index untouched while another process holds its lock', async () => {
    repo.write('src/a.js', 'two\n');
    repo.git('add', '-A');
    const lock = join(repo.dir, '.git', 'index.lock');
    execFileSync('sh', ['-c', `: > '${lock}'`]);
    const index = join(repo.dir, '.git', 'index');
    const before = { files: readdirSync(join(repo.dir, '.git')), mtime: statSync(index).mtimeMs };
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(1);
    // Caches under .git/reviewgate are allowed (DESIGN: check may keep caches in the git dir).
    expect(readdirSync(join(repo.dir, '.git')).filter((f) => f !== 'reviewgate')).toEqual(before.files);
    expect(statSync(index).mtimeMs).toBe(before.mtime);
  });
});
