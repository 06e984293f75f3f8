// Bad input gets a clear message, the right exit code, and loses nothing — through the built bin.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e 0"]\n');
  repo.write('a.txt', 'one\n');
  repo.commitAll('initial');
});
afterEach(() => repo.remove());

describe('repository problems exit 2 with the fix', () => {
  it('outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reviewgate-nogit-'));
    try {
      const r = await runInProcess(dir, ['check'], { env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a git repository');
      expect(r.stderr).toContain('fix:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in a bare repository', async () => {
    const bare = makeRepo({ bare: true });
    try {
      const r = await runInProcess(bare.dir, ['check']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('bare repository');
    } finally {
      bare.remove();
    }
  });

  it('with unmerged paths, naming them and the merge in progress', async () => {
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('a.txt', 'two\n');
    repo.commitAll('other');
    repo.git('checkout', '-q', 'main');
    repo.write('a.txt', 'three\n');
    repo.commitAll('main');
    expect(repo.gitResult(['merge', 'other']).status).not.toBe(0);
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unmerged paths (a merge is in progress)');
    expect(r.stderr).toContain('  a.txt');
    expect(r.stderr).toContain('git add <file>');
  });

  it('with an unknown revision in --range', async () => {
    const r = await runInProcess(repo.dir, ['check', '--range', 'nope..HEAD']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown revision "nope"');
  });

  it('with an unknown gate or format', async () => {
    expect((await runInProcess(repo.dir, ['check', '--gate', 'lint'])).stderr).toContain('unknown gate "lint"');
    const bad = await runInProcess(repo.dir, ['check', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('xml');
  });
});

describe('configuration problems exit 2 naming file:line:column and the key', () => {
  it.each([
    ['malformed YAML', 'run:\n  commands: [unclosed\n', /\.reviewgate\.yml:\d+:\d+/],
    ['an unknown key', 'version: 1\nrun:\n  comands: ["x"]\n', /\.reviewgate\.yml:3:3 run\.comands/],
    ['a wrong type', 'run:\n  commands: [42]\n', /\.reviewgate\.yml:2:\d+ run\.commands\[0\]/],
  ])('%s', async (_name, text, pattern) => {
    // Staged: the change proposes a configuration that could never apply.
    repo.write('.reviewgate.yml', text);
    repo.write('a.txt', 'changed\n');
    repo.git('add', 'a.txt', '.reviewgate.yml');
    const staged = await runInProcess(repo.dir, ['check']);
    expect(staged.code).toBe(2);
    expect(staged.stderr).toMatch(pattern);
    // Committed: the rules in force cannot be read.
    repo.git('commit', '-q', '--no-verify', '-m', 'broken configuration');
    repo.write('a.txt', 'changed again\n');
    repo.git('add', 'a.txt');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    // The commit that fixes it is judged by the defaults (every gate required), not refused.
    repo.write('.reviewgate.yml', 'version: 1\n');
    repo.git('add', '.reviewgate.yml');
    const fixing = await runInProcess(repo.dir, ['check']);
    expect(fixing.code).toBe(1);
    expect(fixing.stdout).toContain('.reviewgate.yml in HEAD is invalid; this change edits it and is judged by the defaults');
  });

  it('reads another file with --config, from git like the default one', async () => {
    repo.write('other.yml', 'review:\n  required: false\nplan:\n  required: false\nrun:\n  required: false\ntests:\n  required: false\n');
    const uncommitted = await runInProcess(repo.dir, ['check', '--config', 'other.yml']);
    expect(uncommitted.code).toBe(2);
    expect(uncommitted.stderr).toContain('configuration file other.yml is not in HEAD');
    repo.git('add', 'other.yml');
    repo.git('commit', '-q', '--no-verify', '-m', 'other rules');
    repo.write('a.txt', 'changed\n');
    repo.git('add', 'a.txt');
    expect((await runInProcess(repo.dir, ['check'])).code).toBe(1);
    expect((await runInProcess(repo.dir, ['check', '--config', 'other.yml'])).code).toBe(0);
  });

  it('says when the defaults apply', async () => {
    repo.git('rm', '-q', '.reviewgate.yml');
    repo.git('commit', '-q', '--no-verify', '-m', 'no configuration');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.stdout).toContain("no .reviewgate.yml in HEAD: the defaults apply");
    expect(r.stdout).toContain('reviewgate init');
  });
});

describe('evidence and plan problems', () => {
  it('names file:line of a corrupt evidence line and exits 2', async () => {
    repo.write('a.txt', 'changed\n');
    repo.git('add', 'a.txt');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const file = '.reviewgate/evidence/main.jsonl';
    repo.write(file, `${repo.read(file)}{"v":1,"type":"review"\n`);
    repo.git('add', file);
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2`);
  });

  it('names the plan file and line for broken front matter', async () => {
    repo.write('a.txt', 'changed\n');
    repo.write('.reviewgate/plans/main.md', '---\ntitle: [unclosed\n---\n## Goal\nx\n');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.reviewgate\/plans\/main\.md:\d+/);
  });

  it('refuses an empty plan and keeps nothing half-written', async () => {
    repo.write('a.txt', 'changed\n');
    repo.git('add', 'a.txt');
    const r = await runInProcess(repo.dir, ['plan', '--from', '-'], { input: '## Goal\n\n## Approach\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the plan is (empty|still the unchanged template)/);
    expect(r.stderr).toContain('Goal, Approach');
    expect(repo.git('status', '--porcelain')).not.toContain('plans');
  });

  it('explains that plan needs a terminal or --from', async () => {
    const r = await runInProcess(repo.dir, ['plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from');
  });
});

describe('an interrupted review keeps what was answered', () => {
  it('records the answered hunks when input ends early', async () => {
    repo.write('a.txt', 'changed\n');
    repo.write('b.txt', 'new file\n');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 item still unreviewed');
    const list = JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout) as { items: { file: string }[] };
    expect(list.items.map((i) => i.file)).toEqual(['b.txt']);
  });

  it('records notes and concerns; a concern blocks until resolved', async () => {
    repo.write('a.txt', 'changed\n');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['review'], { input: 'c looks fine\n! is the lock released?\ny\n' });
    expect(r.code).toBe(0);
    const check = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'review'])).stdout) as {
      gates: { id: string; ok: boolean; findings: { message: string; fix?: string }[] }[];
    };
    const review = check.gates.find((g) => g.id === 'review');
    expect(review?.ok).toBe(false);
    const concern = review?.findings.find((f) => f.message.includes('is the lock released?'));
    const id = /--resolve (\S+)/.exec(concern?.fix ?? '')?.[1];
    expect(id).toBeTruthy();
    expect((await runInProcess(repo.dir, ['review', '--resolve', id as string, 'checked: released in finally'])).code).toBe(0);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'])).code).toBe(0);
  });
});

describe('nothing to gate', () => {
  it('exits 0 with a note when nothing is staged', async () => {
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing staged');
  });

  it('does not gate a change that touches only evidence', async () => {
    repo.write('.reviewgate/evidence/main.jsonl', '');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('only reviewgate evidence changed');
  });
});

describe('check is read-only', () => {
  it('leaves the index, the work tree and the stash exactly as they were, and runs no command', async () => {
    repo.write('.reviewgate.yml', 'version: 1\nrun:\n  commands: ["touch ran-a-command"]\n');
    repo.write('a.txt', 'staged\n');
    repo.git('add', '-A');
    repo.write('a.txt', 'unstaged edit\n');
    repo.write('untracked.txt', 'x\n');
    const index = join(repo.dir, '.git', 'index');
    // git status itself may refresh (rewrite) the index: ask it before taking the snapshot.
    const status = repo.git('status', '--porcelain');
    const stash = repo.git('stash', 'list');
    const before = { bytes: readFileSync(index), mtime: statSync(index).mtimeMs };
    for (const args of [['check'], ['check', '--format', 'json'], ['check', '--range', 'HEAD~0..HEAD'], ['tests']]) await runInProcess(repo.dir, args);
    expect(readFileSync(index).equals(before.bytes)).toBe(true);
    expect(statSync(index).mtimeMs).toBe(before.mtime);
    expect(repo.git('status', '--porcelain')).toBe(status);
    expect(repo.git('stash', 'list')).toBe(stash);
    expect(existsSync(join(repo.dir, 'ran-a-command'))).toBe(false);
    expect(repo.read('a.txt')).toBe('unstaged edit\n');
  });
});
