// Every kind of change a person must look at, through the whole loop: odd paths, a binary file,
// a rename, a deletion, a mode change, a symlink — and a first commit with no HEAD yet.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  commands: ["node -e 0"]\n';

type Listed = { items: { file: string; kind: string; summary: string }[] };

let repo: TestRepo;
afterEach(() => repo.remove());

async function reviewAll(r: TestRepo): Promise<void> {
  const pending = (JSON.parse((await runInProcess(r.dir, ['review', '--list', '--format', 'json'])).stdout) as Listed).items.length;
  const review = await runInProcess(r.dir, ['review'], { input: 'y\n'.repeat(pending) });
  expect(review.code).toBe(0);
}

describe('kinds of change', () => {
  it('judges a first commit against the empty tree', async () => {
    repo = makeRepo();
    // The configuration lives outside the repository here: a change that adds .reviewgate.yml
    // adopts reviewgate and is not gated (tested below).
    const config = join(mkdtempSync(join(tmpdir(), 'reviewgate-config-')), 'config.yml');
    writeFileSync(config, CONFIG);
    repo.write('src/app.ts', 'export const a = 1;\n');
    repo.git('add', '-A');
    const before = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json', '--config', config])).stdout) as { ok: boolean; target: { base: string | null } };
    expect(before.ok).toBe(false);
    expect(before.target.base).toBeNull();
    const pending = (JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json', '--config', config])).stdout) as Listed).items.length;
    expect(pending).toBe(1);
    expect((await runInProcess(repo.dir, ['review', '--config', config], { input: 'y\n' })).code).toBe(0);
    expect((await runInProcess(repo.dir, ['run', '--config', config])).code).toBe(0);
    const after = await runInProcess(repo.dir, ['check', '--config', config]);
    expect(after.stdout).toContain('first commit');
    expect(after.code).toBe(0);
    rmSync(dirname(config), { recursive: true, force: true });
  });

  it('does not gate the change that adds .reviewgate.yml (adoption)', async () => {
    repo = makeRepo();
    repo.write('README.md', 'hello\n');
    repo.commitAll('before reviewgate');
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('src/app.ts', 'export const a = 1;\n');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('adopting reviewgate is not gated');
    repo.git('commit', '-q', '-m', 'adopt');
    repo.write('src/app.ts', 'export const a = 2;\n');
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['check'])).code).toBe(1);
  });

  it('needs every odd path, binary, rename, deletion, mode and symlink change reviewed', async () => {
    repo = makeRepo();
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('old name.txt', 'stays the same\nline two\n');
    repo.write('gone.txt', 'to be deleted\n');
    repo.write('script.sh', 'echo hi\n');
    repo.commitAll('initial');

    repo.write('with space/naïve 日本.txt', 'héllo\n');
    repo.write('new\nline.txt', 'odd name\n');
    repo.write('logo.bin', Buffer.from([0, 1, 2, 255, 0, 7]));
    repo.git('mv', 'old name.txt', 'new name.txt');
    repo.git('rm', '-q', 'gone.txt');
    repo.chmod('script.sh', 0o755);
    repo.symlink('new name.txt', 'link');
    repo.git('add', '-A');

    const listed = JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout) as Listed;
    const byFile = new Map(listed.items.map((i) => [i.file, i.kind]));
    expect(byFile.get('with space/naïve 日本.txt')).toBe('lines');
    expect(byFile.get('new\nline.txt')).toBe('lines');
    expect(byFile.get('logo.bin')).toBe('binary');
    expect(byFile.get('new name.txt')).toBe('rename');
    expect(byFile.get('gone.txt')).toBe('delete');
    expect(byFile.get('script.sh')).toBe('mode');
    expect(byFile.get('link')).toBe('symlink');

    const failing = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('with space/naïve 日本.txt');

    await reviewAll(repo);
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    const passing = await runInProcess(repo.dir, ['check']);
    expect(passing.stdout).toContain('All four gates hold');
    expect(passing.code).toBe(0);

    // Committed, the same evidence satisfies the range check commit by commit.
    repo.git('commit', '-q', '-m', 'many kinds');
    expect((await runInProcess(repo.dir, ['check', '--range', 'HEAD~1..HEAD'])).code).toBe(0);
  });

  it('keeps a review when a rebase only shifts line numbers', async () => {
    repo = makeRepo();
    repo.write('.reviewgate.yml', CONFIG);
    const body = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    repo.write('f.txt', `${body}\n`);
    repo.commitAll('initial');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('f.txt', `${body.replace('line 20', 'line twenty')}\n`);
    repo.git('add', '-A');
    await reviewAll(repo);
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    repo.git('commit', '-q', '-m', 'feature');
    repo.git('checkout', '-q', 'main');
    repo.write('f.txt', `header 1\nheader 2\n${body}\n`);
    repo.commitAll('main moves lines');
    repo.git('checkout', '-q', 'feature');
    expect(repo.gitResult(['rebase', '-q', 'main']).status).toBe(0);
    const r = await runInProcess(repo.dir, ['check', '--range', 'main..feature', '--gate', 'review']);
    expect(r.stdout).toContain('2/2 changed lines reviewed');
    expect(r.code).toBe(0);
  });
});
