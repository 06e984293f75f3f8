// What readCommitDiff/readStagedDiff make of each kind of change, against real git.
import { describe, expect, it } from 'vitest';
import { emptyTreeId, readCommitDiff, readStagedDiff } from '../../src/git/diff.js';
import { reviewItems } from '../../src/diff/items.js';
import { UserError } from '../../src/errors.js';
import { commitFiles, commitItems, gitOf, lines, numbered, useTestRepos } from './diff-support.js';

const repo = useTestRepos();

describe('paths', () => {
  it('round-trips spaces, newlines, tabs, quotes, backslashes and non-ASCII', async () => {
    const names = ['with space.txt', 'new\nline.txt', 'tab\there.txt', 'quote"d.txt', 'back\\slash.txt', 'é.txt', '日本/語.txt'];
    const r = repo();
    for (const name of names) r.write(name, lines(`content of ${name}`));
    r.commitAll('root');
    const files = await commitFiles(r);
    expect(files.map((f) => f.path).sort()).toEqual([...names].sort());
    expect(files.every((f) => f.status === 'added' && f.oldPath === null && f.newPath === f.path)).toBe(true);
    const items = reviewItems(files);
    const texts = items.map((i) => i.lines.map((l) => l.text).join('\n'));
    expect(texts.sort()).toEqual(names.map((n) => `content of ${n}`).sort());
  });

  it('renames a file with special characters in both names', async () => {
    const r = repo();
    r.write('a b\n"c".txt', lines(...numbered(1, 10)));
    r.commitAll('root');
    r.git('mv', 'a b\n"c".txt', 'é 日本\t.txt');
    r.commitAll('rename');
    const [file] = await commitFiles(r);
    expect(file).toMatchObject({ status: 'renamed', oldPath: 'a b\n"c".txt', newPath: 'é 日本\t.txt', similarity: 100 });
  });
});

describe('kinds of change', () => {
  it('gives a first commit against the empty tree: every line added', async () => {
    const r = repo();
    r.write('a.txt', lines('one', 'two'));
    r.commitAll('root');
    const git = gitOf(r);
    const items = reviewItems(await readCommitDiff(git, await emptyTreeId(git), 'HEAD'));
    expect(items).toHaveLength(1);
    expect(items[0]?.lines.map((l) => `${l.side}${l.line} ${l.text}`)).toEqual(['+1 one', '+2 two']);
  });

  it('makes added and modified binaries one binary item each, without hunks', async () => {
    const r = repo();
    r.write('img.png', Buffer.from([0x89, 0x50, 0, 0, 1, 2]));
    r.commitAll('add');
    const added = await commitItems(r);
    r.write('img.png', Buffer.from([0x89, 0x50, 0, 0, 3, 4]));
    r.commitAll('modify');
    const modified = await commitItems(r);
    for (const items of [added, modified]) {
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'binary', lines: [] });
      expect(items[0]?.file.binary).toBe(true);
      expect(items[0]?.file.hunks).toEqual([]);
    }
    expect(added[0]?.summary).toMatch(/^binary file added/);
    expect(modified[0]?.keys).not.toEqual(added[0]?.keys);
  });

  it('makes a deleted file one delete item whose lines are not itemised', async () => {
    const r = repo();
    r.write('old.ts', lines(...numbered(1, 50)));
    r.write('keep.ts', lines('k'));
    r.commitAll('root');
    r.git('rm', '-q', 'old.ts');
    r.commitAll('delete');
    const items = await commitItems(r);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'delete', path: 'old.ts', lines: [], summary: 'deleted file (50 lines)' });
    expect(items[0]?.keys).toHaveLength(1);
  });

  it('makes chmod +x one mode item', async () => {
    const r = repo();
    r.write('run.sh', lines('echo hi'));
    r.commitAll('root');
    r.chmod('run.sh', 0o755);
    r.commitAll('chmod');
    const items = await commitItems(r);
    expect(items.map((i) => [i.kind, i.summary])).toEqual([['mode', 'mode 100644 → 100755']]);
  });

  it('makes symlinks one item per change: added, retargeted, deleted', async () => {
    const r = repo();
    r.write('target.txt', lines('t'));
    r.symlink('target.txt', 'link');
    r.commitAll('add');
    expect((await commitItems(r)).find((i) => i.path === 'link')).toMatchObject({
      kind: 'symlink',
      summary: 'symlink → "target.txt"',
      lines: [],
    });
    r.git('rm', '-q', 'link');
    r.symlink('elsewhere', 'link');
    r.commitAll('retarget');
    const retarget = await commitItems(r);
    expect(retarget.map((i) => [i.kind, i.summary])).toEqual([['symlink', 'symlink target "target.txt" → "elsewhere"']]);
    r.git('rm', '-q', 'link');
    r.commitAll('delete');
    expect((await commitItems(r)).map((i) => [i.kind, i.summary])).toEqual([['delete', 'deleted symlink → "elsewhere"']]);
  });

  it('reads a type change as one file from two patch blocks', async () => {
    const r = repo();
    r.write('thing', lines('was a file', 'with two lines'));
    r.commitAll('file');
    r.git('rm', '-q', 'thing');
    r.symlink('somewhere', 'thing');
    r.commitAll('file to symlink');
    const files = await commitFiles(r);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ status: 'typechange', oldMode: '100644', newMode: '120000' });
    const items = reviewItems(files);
    expect(items.map((i) => [i.kind, i.summary])).toEqual([['symlink', 'file (2 lines) → symlink → "somewhere"']]);

    r.git('rm', '-q', 'thing');
    r.write('thing', lines('a file again'));
    r.commitAll('symlink to file');
    const back = await commitItems(r);
    expect(back.map((i) => i.kind)).toEqual(['symlink', 'lines']);
    expect(back[1]?.lines.map((l) => `${l.side}${l.text}`)).toEqual(['+a file again']);
  });

  it('makes a submodule pointer one submodule item', async () => {
    const inner = repo();
    inner.write('x', lines('x'));
    const first = inner.commitAll('inner 1');
    const r = repo();
    r.write('top.txt', lines('top'));
    r.commitAll('root');
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.dir, 'sub');
    r.git('commit', '-q', '-m', 'add submodule');
    const added = await commitItems(r);
    const sub = added.find((i) => i.path === 'sub');
    expect(sub).toMatchObject({ kind: 'submodule', lines: [] });
    expect(sub?.file).toMatchObject({ newMode: '160000', newOid: first });

    inner.write('x', lines('x2'));
    const second = inner.commitAll('inner 2');
    r.git('-C', 'sub', 'fetch', '-q', 'origin');
    r.git('-C', 'sub', 'checkout', '-q', second);
    r.git('add', 'sub');
    r.git('config', 'diff.submodule', 'log');
    r.git('config', 'diff.ignoreSubmodules', 'all');
    const staged = reviewItems(await readStagedDiff(gitOf(r), r.git('rev-parse', 'HEAD')));
    expect(staged.map((i) => [i.kind, i.summary])).toEqual([
      ['submodule', `submodule ${first.slice(0, 12)} → ${second.slice(0, 12)}`],
    ]);
  });

  it('keeps the exact bytes of invalid UTF-8 and decodes text with replacement characters', async () => {
    const r = repo();
    r.write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1
    r.commitAll('root');
    const [file] = await commitFiles(r);
    const line = file?.hunks[0]?.lines[0];
    expect(file?.binary).toBe(false);
    expect(line?.raw).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(line?.text).toBe('caf\ufffd');
    r.write('latin1.txt', Buffer.from('caf\ufffd\n', 'utf8'));
    r.commitAll('same text, other bytes');
    expect((await commitItems(r))[0]?.lines.map((l) => l.side)).toEqual(['-', '+']);
  });

  it('marks a last line without newline, and adding the newline changes its key', async () => {
    const r = repo();
    r.write('f.txt', 'a\nb');
    r.commitAll('root');
    const [root] = await commitItems(r);
    expect(root?.hunk?.lines.map((l) => l.noEol)).toEqual([false, true]);
    r.write('f.txt', 'a\nb\n');
    r.commitAll('newline');
    const [fix] = await commitItems(r);
    expect(fix?.lines.map((l) => `${l.side}${l.text}`)).toEqual(['-b', '+b']);
    // Same bytes, same neighbours, same side: only the final newline differs.
    expect(fix?.lines[1]?.key).not.toBe(root?.lines[1]?.key);
    expect(fix?.hunk?.lines.map((l) => l.noEol)).toEqual([false, true, false]);
  });

  it('keeps carriage returns of CRLF lines in the bytes', async () => {
    const r = repo();
    r.write('win.txt', 'one\r\ntwo\r\n');
    r.commitAll('root');
    const [item] = await commitItems(r);
    expect(item?.hunk?.lines.map((l) => l.raw.toString('latin1'))).toEqual(['one\r', 'two\r']);
  });

  it('makes an added empty file one item', async () => {
    const r = repo();
    r.write('empty', '');
    r.commitAll('root');
    const items = await commitItems(r);
    expect(items.map((i) => [i.kind, i.summary, i.keys.length])).toEqual([['lines', 'new empty file', 1]]);
  });

  it('leaves out intent-to-add entries, which git commit leaves out too', async () => {
    const r = repo();
    r.write('f', lines('1'));
    r.commitAll('root');
    r.write('later.txt', lines('not staged yet'));
    r.git('add', '-N', 'later.txt');
    expect(await readStagedDiff(gitOf(r), r.git('rev-parse', 'HEAD'))).toEqual([]);
  });

  it('stops with the list of unmerged paths', async () => {
    const r = repo();
    r.write('f', lines('1'));
    r.commitAll('root');
    r.git('checkout', '-q', '-b', 'x');
    r.write('f', lines('2'));
    r.commitAll('x');
    r.git('checkout', '-q', 'main');
    r.write('f', lines('3'));
    r.commitAll('main');
    r.gitResult(['merge', 'x']);
    const error = await readStagedDiff(gitOf(r), r.git('rev-parse', 'HEAD')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('unmerged paths: f');
  });
});

describe('repositories and sizes', () => {
  it('works in a SHA-256 repository', async () => {
    const r = repo({ objectFormat: 'sha256' });
    r.write('a.txt', lines('one'));
    r.write('bin', Buffer.from([0, 1]));
    r.commitAll('root');
    const git = gitOf(r);
    const empty = await emptyTreeId(git);
    expect(empty).toMatch(/^[0-9a-f]{64}$/);
    const files = await readCommitDiff(git, empty, 'HEAD');
    expect(files.map((f) => f.newOid?.length)).toEqual([64, 64]);
    expect(reviewItems(files).map((i) => i.kind).sort()).toEqual(['binary', 'lines']);
  });

  it('reads a 10,000-line hunk quickly', async () => {
    const r = repo();
    r.write('big.txt', lines(...numbered(1, 10_000)));
    r.commitAll('root');
    const started = performance.now();
    const items = await commitItems(r);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(items).toHaveLength(1);
    expect(items[0]?.lines).toHaveLength(10_000);
    expect(new Set(items[0]?.keys).size).toBe(10_000);
  });
});
