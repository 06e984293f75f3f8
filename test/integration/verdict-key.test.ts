// The verdict cache's key (src/verdict/key.ts) in real repositories: every input a staged check
// depends on changes the key, and layouts the reader cannot pin down make it uncacheable.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheableAsk } from '../../src/verdict/eligible.js';
import { indexContent, verdictKey, type VerdictContext } from '../../src/verdict/key.js';
import { readVerdict, writeVerdict } from '../../src/verdict/store.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
let home: string;

function ctx(over: Partial<VerdictContext> = {}): VerdictContext {
  return {
    judgement: 'check gates= amend=false',
    env: cleanEnv({ HOME: home }),
    cwd: repo.dir,
    build: '1.0.0-test',
    ...over,
  };
}
const key = (over: Partial<VerdictContext> = {}) => verdictKey(ctx(over))?.key ?? null;

beforeEach(() => {
  repo = makeRepo();
  home = mkdtempSync(join(tmpdir(), 'reviewgate-home-'));
  repo.write('.reviewgate.yml', 'version: 1\n');
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.write('test/a.test.ts', "it('a', () => {});\n");
  repo.commitAll('base');
  repo.write('src/a.ts', 'export const a = 2;\n');
  repo.git('add', '-A');
});
afterEach(() => {
  repo.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('the verdict key', () => {
  it('is the same for the same inputs, and a 64-digit hex string', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(key());
  });

  it('changes with the index: a staged source file, evidence, a plan, a test file', () => {
    const seen = new Set([key()]);
    for (const [path, text] of [
      ['src/a.ts', 'export const a = 3;\n'],
      ['.reviewgate/evidence/main.jsonl', '{"v":1}\n'],
      ['.reviewgate/plans/main.md', '## Goal\nx\n'],
      ['test/a.test.ts', "it('a, again', () => {});\n"],
    ] as const) {
      repo.write(path, text);
      repo.git('add', '-A');
      const k = key();
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
    // A mode change alone (same blob) is a change too.
    repo.chmod('src/a.ts', 0o755);
    repo.git('add', '-A');
    expect(seen.has(key())).toBe(false);
  });

  it('does not change with an unstaged edit (check judges the index), except the configuration', () => {
    const before = key();
    repo.write('src/a.ts', 'export const a = 99;\n');
    expect(key()).toBe(before);
    // The check notes a work-tree configuration that differs from HEAD's.
    repo.write('.reviewgate.yml', 'version: 1\nreview:\n  required: false\n');
    expect(key()).not.toBe(before);
  });

  it('changes with HEAD: a commit, a branch name, a detached HEAD, an amend target', () => {
    const staged = key();
    repo.git('checkout', '-q', '-b', 'feature');
    const onFeature = key();
    expect(onFeature).not.toBe(staged);
    repo.commitAll('the change');
    const committed = key();
    expect(committed).not.toBe(onFeature);
    repo.git('checkout', '-q', '--detach');
    expect(key()).not.toBe(committed);
  });

  it('changes with a packed ref (after git pack-refs) only when HEAD moves', () => {
    const before = key();
    repo.git('pack-refs', '--all');
    expect(key()).toBe(before);
  });

  it('changes with the repository state, the git configuration and the environment', () => {
    const base = key();
    const variants: Array<[string, () => string | null]> = [
      ['the gates asked for', () => key({ judgement: 'check gates=review amend=false' })],
      ['--amend', () => key({ judgement: 'check gates= amend=true' })],
      ['build', () => key({ build: '1.0.1-test' })],
      ['a GIT_ variable', () => key({ env: { ...ctx().env, GIT_DIFF_OPTS: '--unified=0' } })],
      ['a REVIEWGATE_ variable', () => key({ env: { ...ctx().env, REVIEWGATE_SOMETHING: 'x' } })],
      ['HOME', () => key({ env: { ...ctx().env, HOME: join(home, 'elsewhere') } })],
    ];
    const seen = new Set([base]);
    for (const [what, make] of variants) {
      const k = make();
      expect(k, what).not.toBeNull();
      expect(seen.has(k), what).toBe(false);
      seen.add(k);
    }
    // The same judgement: how it is printed (colour, terminal), where in the work tree it is asked,
    // timing lines, and what git sets for its hooks (the commit's names and dates, new every
    // second; its exec path; the editor) — none of which a check's report depends on.
    mkdirSync(join(repo.dir, 'src', 'deep'), { recursive: true });
    for (const [what, other] of [
      ['colour and terminal', { NO_COLOR: '', FORCE_COLOR: '1', TERM: 'dumb', COLUMNS: '40' }],
      ['timing', { REVIEWGATE_TIMING: '1' }],
      ['hook environment', { GIT_AUTHOR_DATE: '@1700000000 +0000', GIT_COMMITTER_DATE: '@1700000001 +0000', GIT_EXEC_PATH: '/x', GIT_PREFIX: 'src/', GIT_EDITOR: ':', GIT_AUTHOR_NAME: 'X', GIT_AUTHOR_EMAIL: 'x@example.com' }],
    ] as const) {
      expect(key({ env: { ...ctx().env, ...other } }), what).toBe(base);
    }
    expect(key({ cwd: join(repo.dir, 'src', 'deep') })).toBe(base);
  });

  it('changes with merge state files and the repository configuration', () => {
    const base = key();
    writeFileSync(join(repo.dir, '.git', 'MERGE_HEAD'), `${repo.git('rev-parse', 'HEAD')}\n`);
    const merging = key();
    expect(merging).not.toBe(base);
    rmSync(join(repo.dir, '.git', 'MERGE_HEAD'));
    expect(key()).toBe(base);
    repo.git('config', 'user.email', 'someone-else@example.com');
    expect(key()).not.toBe(base);
  });

  it('follows GIT_INDEX_FILE to the index the hook judges', () => {
    const base = key();
    // The same index named by the variable (as git does for a plain commit's hook): the same key.
    expect(key({ env: { ...ctx().env, GIT_INDEX_FILE: '.git/index' } })).toBe(base);
    const other = join(repo.dir, '.git', 'other-index');
    repo.gitResult(['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: other } });
    const k = key({ env: { ...ctx().env, GIT_INDEX_FILE: other } });
    expect(k).not.toBe(base);
    // Same variable, different content: different key.
    repo.write('x.txt', 'x\n');
    repo.gitResult(['add', 'x.txt'], { env: { GIT_INDEX_FILE: other } });
    expect(key({ env: { ...ctx().env, GIT_INDEX_FILE: other } })).not.toBe(k);
  });

  it('refuses what it cannot pin down: GIT_DIR, configuration includes, replace refs, grafts, and REVIEWGATE_NO_CACHE', () => {
    expect(key({ env: { ...ctx().env, GIT_DIR: join(repo.dir, '.git') } })).toBeNull();
    expect(key({ env: { ...ctx().env, REVIEWGATE_NO_CACHE: '1' } })).toBeNull();
    repo.git('config', 'include.path', 'other.conf');
    expect(key()).toBeNull();
    repo.git('config', '--remove-section', 'include');
    expect(key()).not.toBeNull();
    // The global file too (GIT_CONFIG_GLOBAL names it).
    writeFileSync(join(home, 'global.conf'), '[includeIf "gitdir:~/work/"]\n\tpath = work.conf\n');
    expect(key({ env: { ...ctx().env, GIT_CONFIG_GLOBAL: join(home, 'global.conf') } })).toBeNull();
    const blob = repo.git('rev-parse', 'HEAD:src/a.ts');
    repo.git('replace', blob, repo.git('rev-parse', 'HEAD:test/a.test.ts'));
    expect(key()).toBeNull();
    repo.git('replace', '-d', blob);
    expect(key()).not.toBeNull();
    mkdirSync(join(repo.dir, '.git', 'info'), { recursive: true });
    writeFileSync(join(repo.dir, '.git', 'info', 'grafts'), '');
    expect(key()).toBeNull();
  });

  it('is found from a linked worktree, in the shared git dir', () => {
    const wt = mkdtempSync(join(tmpdir(), 'reviewgate-wt-'));
    rmSync(wt, { recursive: true });
    repo.git('worktree', 'add', '-q', '--detach', wt, 'HEAD');
    try {
      const at = verdictKey(ctx({ cwd: wt }));
      expect(at?.dir).toBe(join(repo.dir, '.git', 'reviewgate', 'verdicts'));
      expect(at?.key).not.toBe(key());
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
  });

  it('is null outside a repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'reviewgate-outside-'));
    try {
      expect(key({ cwd: outside })).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('the verdict store', () => {
  const report = { ok: false, target: { kind: 'staged', base: null, head: null }, gates: [], notes: ['n'], skipped: null } as const;

  it('reads back what was written, and nothing for another key or a corrupt entry', () => {
    const at = verdictKey(ctx());
    if (!at) throw new Error('expected a key');
    expect(readVerdict(at)).toBeNull();
    writeVerdict(at, { kind: 'check', report });
    expect(readVerdict(at)).toEqual({ kind: 'check', report });
    writeVerdict(at, { kind: 'check', report, author: 'a@example.com' });
    expect(readVerdict(at)).toEqual({ kind: 'check', report, author: 'a@example.com' });
    writeVerdict(at, { kind: 'run', stderr: 'Nothing to run.\n' });
    expect(readVerdict(at)).toEqual({ kind: 'run', stderr: 'Nothing to run.\n' });
    // An entry copied under another key's name does not answer for it.
    const other = { ...at, key: 'f'.repeat(64) };
    writeFileSync(join(at.dir, `${other.key}.json`), JSON.stringify({ key: at.key, entry: { kind: 'check', report } }));
    expect(readVerdict(other)).toBeNull();
    writeFileSync(join(at.dir, `${at.key}.json`), '{"key":');
    expect(readVerdict(at)).toBeNull();
    writeFileSync(join(at.dir, `${at.key}.json`), JSON.stringify({ key: at.key, entry: { kind: 'check', report: { ok: 'yes' } } }));
    expect(readVerdict(at)).toBeNull();
  });
});

describe('cacheable command lines', () => {
  it.each([
    [[], 'check gates= amend=false'],
    [['check'], 'check gates= amend=false'],
    [['check', '--staged', '--format', 'json', '--gate', 'review', '-v'], 'check gates=review amend=false'],
    [['check', '--format=json', '--gate=plan,run', '--gate', 'tests', '--amend'], 'check gates=plan,run,tests amend=true'],
    [['run'], 'run'],
    [['run', '--force'], null],
    [['check', '--range', 'a..b'], null],
    [['check', '--ci'], null],
    [['check', '--pre-push', 'origin'], null],
    [['check', '--output', 'x'], null],
    [['check', '--config', 'x.yml'], null],
    [['check', '--format', 'markdown'], null],
    [['check', '--gate', 'nonsense'], null],
    [['check', '--help'], null],
    [['check', '--format'], null],
    [['review'], null],
  ] as const)('%j → %s', (argv, judgement) => {
    expect(cacheableAsk(argv)?.judgement ?? null).toBe(judgement);
  });
});

describe('the staged entries read from the index file', () => {
  const content = (dir: string, sha256 = false) => indexContent(readFileSync(join(dir, '.git', 'index')), sha256 ? 32 : 20).toString('hex');

  it.each([2, 3, 4])('index version %i: the same after a refresh, different for each staged change', (version) => {
    repo.write('deep/er/path with spaces/ü.txt', 'x\n');
    repo.write('deep/er/path with spaces/v.txt', 'y\n');
    repo.write('deep/other.txt', 'z\n');
    repo.git('add', '-A');
    // A path longer than 0xFFF bytes (the flags' length field saturates): staged without a file,
    // as no file system takes such a path.
    const blob = repo.git('hash-object', '-w', '--stdin');
    repo.git('update-index', '--add', '--cacheinfo', `100644,${blob},deep/${'d23456789/'.repeat(420)}long.txt`);
    repo.git('update-index', `--index-version=${version}`);
    const before = content(repo.dir);
    // Same content, new times: git refreshes the stat data only.
    repo.write('deep/other.txt', 'z\n');
    utimesSync(join(repo.dir, 'deep/other.txt'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const stat = readFileSync(join(repo.dir, '.git', 'index'));
    repo.gitResult(['update-index', '-q', '--refresh']); // the long path has no file: exit 1, the rest refreshed
    repo.git('status', '--porcelain');
    expect(readFileSync(join(repo.dir, '.git', 'index')).equals(stat)).toBe(false); // git did rewrite it
    expect(content(repo.dir)).toBe(before);
    const seen = new Set([before]);
    const changes: Array<() => void> = [
      () => repo.write('deep/other.txt', 'changed\n'),
      () => repo.chmod('deep/other.txt', 0o755),
      () => repo.write('deep/er/path with spaces/ü.txt', 'x2\n'),
      () => repo.git('add', '-N', 'intent.txt'),
    ];
    repo.write('intent.txt', 'later\n');
    for (const change of changes) {
      change();
      repo.git('add', '-u', 'deep');
      const now = content(repo.dir);
      expect(seen.has(now)).toBe(false);
      seen.add(now);
    }
  });

  it('reads a SHA-256 repository\'s index', () => {
    const other = makeRepo({ objectFormat: 'sha256' });
    try {
      other.write('a.txt', 'a\n');
      other.git('add', '-A');
      const before = content(other.dir, true);
      other.write('a.txt', 'b\n');
      other.git('add', '-A');
      expect(content(other.dir, true)).not.toBe(before);
      // Read with the wrong id length it is not an index this reader understands.
      expect(() => content(other.dir, false)).toThrow();
    } finally {
      other.remove();
    }
  });

  it('is the same key after git refreshes the index, and differs for intent-to-add', () => {
    const before = key();
    repo.write('src/a.ts', 'export const a = 2;\n'); // same content, new mtime
    utimesSync(join(repo.dir, 'src/a.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    repo.git('update-index', '--refresh');
    repo.git('status', '--porcelain');
    expect(key()).toBe(before);
    repo.write('new.txt', 'new\n');
    repo.git('add', '-N', 'new.txt');
    expect(key()).not.toBe(before);
  });

  it('refuses a split index', () => {
    repo.git('update-index', '--split-index');
    expect(key()).toBeNull();
  });
});
