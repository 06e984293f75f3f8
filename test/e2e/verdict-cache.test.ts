// The verdict cache through the built bin: a repeated `check` (and a `run` with nothing to do)
// is answered without starting git, with the same output and exit code; any change to what the
// verdict depends on is a miss that judges afresh; and a forged entry can fool only the local
// hook, never a range, a push or CI, which never read the cache.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt, runCli } from '../helpers/cli.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const CONFIG = 'version: 1\nreview:\n  piped: allow\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  commands: ["node -e 0"]\n';
const TIMING = { REVIEWGATE_TIMING: '1' };
const HIT = '[timing] cached verdict';

let repo: TestRepo;
const verdicts = () => join(repo.dir, '.git', 'reviewgate', 'verdicts');
const entries = () => readdirSync(verdicts()).filter((n) => n.endsWith('.json'));

/** `check` with the timing lines on: `hit` says whether the cache answered. */
function check(args: string[] = []) {
  const r = runCli(repo.dir, ['check', ...args], { env: TIMING });
  return { ...r, hit: r.stderr.includes(HIT) };
}
function run(args: string[] = []) {
  const r = runCli(repo.dir, ['run', ...args], { env: TIMING });
  return { ...r, hit: r.stderr.includes(HIT) };
}
function reviewAll(): void {
  const listed = JSON.parse(runCli(repo.dir, ['review', '--list', '--format', 'json']).stdout) as { items: unknown[] };
  expect(runCli(repo.dir, ['review'], { input: 'y\n'.repeat(listed.items.length) }).code).toBe(0);
}

beforeEach(() => {
  assertBuilt();
  repo = makeRepo();
  repo.write('.reviewgate.yml', CONFIG);
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.commitAll('adopt reviewgate');
  repo.write('src/a.ts', 'export const a = 2;\n');
  repo.git('add', '-A');
});
afterEach(() => repo.remove());

describe('check answered from the verdict cache', () => {
  it('repeats a failing verdict exactly, then judges afresh once evidence is staged', () => {
    const first = check();
    expect(first.code).toBe(1);
    expect(first.hit).toBe(false);
    expect(entries()).toHaveLength(1);
    const again = check();
    expect(again.hit).toBe(true);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
    // Recording the review stages evidence: a new index, a new key, a fresh judgement.
    reviewAll();
    const reviewed = check();
    expect(reviewed.hit).toBe(false);
    expect(reviewed.stdout).toContain('✓ review');
    // `run` judges the staged change once it has recorded, so the next check answers at once,
    // exactly as a full check would.
    expect(runCli(repo.dir, ['run']).code).toBe(0);
    const passing = check();
    expect(passing).toMatchObject({ hit: true, code: 0 });
    const full = runCli(repo.dir, ['check'], { env: { REVIEWGATE_NO_CACHE: '1' } });
    expect(full.code).toBe(0);
    expect(passing.stdout).toBe(full.stdout);
  });

  it('misses on every input it depends on, each giving the fresh verdict', () => {
    reviewAll();
    expect(runCli(repo.dir, ['run']).code).toBe(0);
    expect(check().code).toBe(0);
    expect(check().hit).toBe(true);
    // The report is kept, not its text: another format is printed from it, exactly as a full
    // check prints it.
    const json = check(['--format', 'json']);
    expect(json.hit).toBe(true);
    const fullJson = runCli(repo.dir, ['check', '--format', 'json'], { env: { REVIEWGATE_NO_CACHE: '1' } });
    expect(json.stdout).toBe(fullJson.stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    const coloured = runCli(repo.dir, ['check'], { env: { ...TIMING, NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain(HIT);
    expect(coloured.stdout).toBe(runCli(repo.dir, ['check'], { env: { NO_COLOR: '', FORCE_COLOR: '1', REVIEWGATE_NO_CACHE: '1' } }).stdout);
    expect(coloured.stdout).toContain('\u001b[');
    // Another set of gates is another judgement.
    expect(check(['--gate', 'review']).hit).toBe(false);
    // A staged edit: the review no longer covers the line.
    repo.write('src/a.ts', 'export const a = 3;\n');
    repo.git('add', '-A');
    const edited = check();
    expect(edited).toMatchObject({ hit: false, code: 1 });
    // Back to the reviewed content: the earlier entry answers again (same index bytes are not
    // guaranteed, so only the verdict is asserted).
    repo.write('src/a.ts', 'export const a = 2;\n');
    repo.git('add', '-A');
    expect(check().code).toBe(0);
    // The work tree's configuration differs from HEAD's: the check adds a note.
    repo.write('.reviewgate.yml', `${CONFIG}# edited\n`);
    const noted = check();
    expect(noted.hit).toBe(false);
    expect(noted.stdout).toContain('differs from HEAD');
    repo.write('.reviewgate.yml', CONFIG);
    // Another branch: another plan file name, another key.
    repo.git('checkout', '-q', '-b', 'feature');
    expect(check().hit).toBe(false);
    // With REVIEWGATE_NO_CACHE=1 the check always runs in full.
    const full = runCli(repo.dir, ['check'], { env: { ...TIMING, REVIEWGATE_NO_CACHE: '1' } });
    expect(full.stderr).not.toContain(HIT);
    expect(full.stderr).toContain('[timing] gate tests');
  });

  it('never answers a range, a push or CI, and a forged entry fools only the local hook', () => {
    repo.symlink(BIN, 'node_modules/.bin/reviewgate');
    repo.write('.gitignore', 'node_modules/\n');
    repo.git('add', '.gitignore');
    const rg = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { cwd: repo.dir, env: cleanEnv(TIMING), input, encoding: 'utf8' });
    expect(rg(['hooks', 'install', '--pre-commit']).status).toBe(0);
    // The hook refuses the unreviewed commit, and its verdict is cached under the hook's key.
    const commit = () => spawnSync('git', ['commit', '-q', '-m', 'unreviewed'], { cwd: repo.dir, env: cleanEnv(TIMING), encoding: 'utf8' });
    expect(commit().status).not.toBe(0);
    const [name] = entries();
    expect(name).toBeDefined();
    // An agent in the same shell rewrites that entry to a pass: the local hook believes it (as it
    // would believe an edited hook file) ...
    const file = join(verdicts(), name as string);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key: string; entry: { report: { ok: boolean; gates: unknown[] } } };
    entry.entry.report.ok = true;
    entry.entry.report.gates = [];
    writeFileSync(file, JSON.stringify(entry));
    const fooled = commit();
    expect(fooled.status).toBe(0);
    expect(fooled.stderr).toContain(HIT);
    // ... but a range, a push and CI judge the commit itself and never read the cache.
    const range = rg(['check', '--range', 'HEAD~1..HEAD']);
    expect(range.status).toBe(1);
    expect(range.stderr).not.toContain(HIT);
    expect(range.stdout).toContain('✗ review');
    const ci = rg(['check', '--ci', '--base', 'HEAD~1']);
    expect(ci.status).toBe(1);
    expect(ci.stdout).toContain('✗ review');
  });
});

describe('the hook and a check run by hand share a judgement', () => {
  it('answers the pre-commit hook from the judgement `run` made, in the hook\'s one-line form', () => {
    repo.symlink(BIN, 'node_modules/.bin/reviewgate');
    repo.write('.gitignore', 'node_modules/\n');
    repo.git('add', '.gitignore');
    expect(runCli(repo.dir, ['hooks', 'install', '--pre-commit']).code).toBe(0);
    reviewAll();
    expect(runCli(repo.dir, ['run']).code).toBe(0);
    expect(check()).toMatchObject({ hit: true, code: 0 });
    const commit = spawnSync('git', ['commit', '-q', '-m', 'reviewed'], { cwd: repo.dir, env: cleanEnv(TIMING), encoding: 'utf8' });
    expect(commit.status).toBe(0);
    expect(commit.stderr).toContain(HIT);
    expect(`${commit.stdout}${commit.stderr}`).toMatch(/^reviewgate: review, run hold/m);
    expect(repo.git('log', '-1', '--format=%s')).toBe('reviewed');
  });
});

describe('a verdict that turns on who commits', () => {
  it('is reused only for the same author (review.rules with distinct_from_author)', () => {
    repo.write('.reviewgate.yml', CONFIG.replace('review:\n  piped: allow\n', 'review:\n  piped: allow\n  rules:\n    - paths: ["src/**"]\n      reviewers: 1\n      distinct_from_author: true\n'));
    repo.commitAll('the rule');
    repo.write('src/a.ts', 'export const a = 5;\n');
    repo.git('add', '-A');
    reviewAll(); // reviewed by author@example.com, the committer too
    expect(runCli(repo.dir, ['run']).code).toBe(0);
    // As the author's hook sees it: their own review does not count.
    const asAuthor = { ...TIMING, GIT_INDEX_FILE: '.git/index', GIT_AUTHOR_EMAIL: 'author@example.com' };
    const own = runCli(repo.dir, ['check', '--verbose'], { env: asAuthor });
    expect(own.code).toBe(1);
    expect(runCli(repo.dir, ['check', '--verbose'], { env: asAuthor }).stderr).toContain(HIT);
    // Someone else commits the same content: not the author's verdict.
    const other = runCli(repo.dir, ['check', '--verbose'], { env: { ...asAuthor, GIT_AUTHOR_EMAIL: 'someone@example.com' } });
    expect(other.stderr).not.toContain(HIT);
    expect(other.code).toBe(0);
  });
});

describe('run answered from the verdict cache', () => {
  it('repeats "nothing to run" for content that already passed, even with a dirty work tree', () => {
    const first = run();
    expect(first.code).toBe(0);
    expect(first.hit).toBe(false);
    const second = run();
    expect(second.code).toBe(0);
    expect(second.hit).toBe(false); // this one learnt that nothing is left to run
    expect(second.stderr).toContain('already passed on this exact content');
    const third = run();
    expect(third).toMatchObject({ hit: true, code: 0 });
    expect(third.stderr).toContain('Nothing to run');
    // An unstaged edit does not matter when nothing runs; with --force it does.
    repo.write('src/a.ts', 'export const a = 42;\n');
    expect(run()).toMatchObject({ hit: true, code: 0 });
    const forced = run(['--force']);
    expect(forced.hit).toBe(false);
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain('modified:  src/a.ts');
    // Staging the edit is new content: the command runs again.
    repo.git('add', '-A');
    const fresh = run();
    expect(fresh.hit).toBe(false);
    expect(fresh.stderr).not.toContain('already passed');
  });
});
