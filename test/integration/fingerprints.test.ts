// The review-fingerprint properties of DESIGN.md (P1-P6), each against real git.
import { writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestRepo } from '../helpers/repo.js';
import { emptyTreeId, readStagedDiff } from '../../src/git/diff.js';
import { reviewItems } from '../../src/diff/items.js';
import {
  commitItems,
  gitOf,
  keyByLine,
  keySet,
  lines,
  numbered,
  rangeItems,
  shape,
  stagedItems,
  useTestRepos,
} from './diff-support.js';

const repo = useTestRepos();

describe('P1 line shifts', () => {
  it('keeps every key when a rebase only shifts line numbers', async () => {
    const r = repo();
    r.write('app.ts', lines(...numbered(1, 30)));
    r.commitAll('base');
    r.git('checkout', '-q', '-b', 'feature');
    const edited = numbered(1, 30);
    edited[9] = 'line 10 edited';
    edited.splice(20, 0, 'inserted a', 'inserted b');
    r.write('app.ts', lines(...edited));
    r.commitAll('feature');
    const before = await commitItems(r);

    r.git('checkout', '-q', 'main');
    r.write('app.ts', lines('// header 1', '// header 2', '// header 3', ...numbered(1, 30)));
    r.commitAll('main moves everything down');
    r.git('checkout', '-q', 'feature');
    r.git('rebase', '-q', 'main');
    const after = await commitItems(r);

    expect(after.flatMap((i) => i.lines.map((l) => l.line))).not.toEqual(
      before.flatMap((i) => i.lines.map((l) => l.line)),
    );
    expect(keySet(after)).toEqual(keySet(before));
    expect(keySet(before)).toHaveLength(4);
  });
});

describe('P2 edits', () => {
  async function setup(): Promise<{ r: TestRepo; base: string; first: Map<string, string> }> {
    const r = repo();
    r.write('f.txt', lines('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'));
    const base = r.commitAll('base');
    r.write('f.txt', lines('a', 'b', 'C', 'd', 'e', 'f', 'X', 'Y', 'g', 'h', 'i', 'j'));
    r.commitAll('change');
    return { r, base, first: keyByLine(await commitItems(r)) };
  }

  it('changes only the key of an edited line whose neighbours stayed', async () => {
    const { r, base, first } = await setup();
    r.write('f.txt', lines('a', 'b', 'C2', 'd', 'e', 'f', 'X', 'Y', 'g', 'h', 'i', 'j'));
    const edit = r.commitAll('edit C');
    const second = keyByLine(await rangeItems(r, base, edit));
    expect([...first.keys()].sort()).toEqual(['+C', '+X', '+Y', '-c']);
    expect(second.get('-c')).toBe(first.get('-c'));
    expect(second.get('+X')).toBe(first.get('+X'));
    expect(second.get('+Y')).toBe(first.get('+Y'));
    expect(second.get('+C2')).toBeDefined();
    expect(new Set(second.values()).has(first.get('+C') ?? '')).toBe(false);
  });

  it('also changes the keys of the lines next to the edited one, and no others', async () => {
    const { r, base, first } = await setup();
    r.write('f.txt', lines('a', 'b', 'C', 'd', 'e', 'f', 'X2', 'Y', 'g', 'h', 'i', 'j'));
    const edit = r.commitAll('edit X');
    const second = keyByLine(await rangeItems(r, base, edit));
    const kept = [...first].filter(([, key]) => [...second.values()].includes(key)).map(([line]) => line);
    expect(kept.sort()).toEqual(['+C', '-c']);
    const fresh = [...second].filter(([, key]) => ![...first.values()].includes(key)).map(([line]) => line);
    // Y did not change, but its neighbour did.
    expect(fresh.sort()).toEqual(['+X2', '+Y']);
  });
});

describe('P3 moves', () => {
  it('gives a moved line a different key at its new place', async () => {
    const r = repo();
    r.write('f.ts', lines('open()', 'read()', 'write()', 'close()', 'log()'));
    const base = r.commitAll('base');
    r.write('f.ts', lines('open()', 'lock()', 'read()', 'write()', 'close()', 'log()'));
    const added = r.commitAll('lock before read');
    const reviewed = keyByLine(await rangeItems(r, base, added)).get('+lock()');
    r.write('f.ts', lines('open()', 'read()', 'write()', 'lock()', 'close()', 'log()'));
    const moved = r.commitAll('lock moved after write');
    const movedKeys = keyByLine(await rangeItems(r, added, moved));
    expect(reviewed).toBeDefined();
    expect(movedKeys.get('+lock()')).toBeDefined();
    expect(movedKeys.get('+lock()')).not.toBe(reviewed);
    // The same change made directly on the base is still the moved line, at the new place.
    expect(keyByLine(await rangeItems(r, base, moved)).get('+lock()')).toBe(movedKeys.get('+lock()'));
  });
});

describe('P4 staged equals committed', () => {
  function stageVariety(r: TestRepo): void {
    r.write('src/a.ts', lines(...numbered(1, 12), 'export const a = 2;'));
    r.write('docs/read me.md', lines('# title', 'text'));
    r.write('img.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    r.symlink('src/a.ts', 'link');
    r.git('add', '-A');
  }

  it('for a root commit against the empty tree', async () => {
    const r = repo();
    stageVariety(r);
    const staged = await stagedItems(r);
    r.git('commit', '-q', '-m', 'root');
    const committed = await commitItems(r);
    expect(staged.length).toBeGreaterThan(3);
    expect(shape(committed)).toEqual(shape(staged));
  });

  it('for a later commit with renames, deletions, modes and binaries', async () => {
    const r = repo();
    stageVariety(r);
    r.write('old name.txt', lines(...numbered(1, 20, 'kept')));
    r.write('gone.txt', lines('bye'));
    r.commitAll('base');
    r.git('mv', 'old name.txt', 'new name.txt');
    r.git('rm', '-q', 'gone.txt');
    r.write('src/a.ts', lines('// top', ...numbered(1, 12), 'export const a = 3;'));
    r.write('img.bin', Buffer.from([0, 9, 9, 0]));
    r.chmod('docs/read me.md', 0o755);
    r.git('add', '-A');
    const staged = await stagedItems(r);
    r.git('commit', '-q', '-m', 'second');
    const committed = await commitItems(r);
    expect(new Set(staged.map((i) => i.kind))).toEqual(new Set(['rename', 'delete', 'lines', 'binary', 'mode']));
    expect(shape(committed)).toEqual(shape(staged));
  });

  it('reads the index GIT_INDEX_FILE points at', async () => {
    const r = repo();
    r.write('f.txt', lines('one', 'two'));
    r.commitAll('base');
    r.write('f.txt', lines('one', 'two', 'three'));
    const alt = join(r.dir, '.git', 'other-index');
    const env = { GIT_INDEX_FILE: alt };
    expect(r.gitResult(['read-tree', 'HEAD'], { env }).status).toBe(0);
    expect(r.gitResult(['add', 'f.txt'], { env }).status).toBe(0);
    const git = gitOf(r);
    const head = r.git('rev-parse', 'HEAD');
    expect(await readStagedDiff(git, head)).toEqual([]); // the default index has nothing staged
    process.env.GIT_INDEX_FILE = alt;
    let staged;
    try {
      staged = reviewItems(await readStagedDiff(git, head));
    } finally {
      delete process.env.GIT_INDEX_FILE;
    }
    expect(r.gitResult(['commit', '-q', '-m', 'from other index'], { env }).status).toBe(0);
    expect(keyByLine(staged).has('+three')).toBe(true);
    expect(shape(await commitItems(r))).toEqual(shape(staged));
  });
});

describe('P5 renames', () => {
  it('yields one rename item with one key for a rename without edits', async () => {
    const r = repo();
    r.write('lib/util.ts', lines(...numbered(1, 40)));
    r.commitAll('base');
    r.git('mv', 'lib/util.ts', 'lib/helpers.ts');
    r.commitAll('rename');
    const items = await commitItems(r);
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('rename');
    expect(items[0]?.keys).toHaveLength(1);
    expect(items[0]?.summary).toBe('renamed lib/util.ts → lib/helpers.ts (100% similar)');
  });

  it('yields a rename item plus line items on the new path for a rename with edits', async () => {
    const r = repo();
    r.write('lib/util.ts', lines(...numbered(1, 40)));
    r.commitAll('base');
    r.git('mv', 'lib/util.ts', 'lib/helpers.ts');
    r.write('lib/helpers.ts', lines(...numbered(1, 39), 'changed last'));
    r.commitAll('rename and edit');
    const items = await commitItems(r);
    expect(items.map((i) => `${i.kind} ${i.path}`)).toEqual(['rename lib/helpers.ts', 'lines lib/helpers.ts']);
    expect(items[1]?.lines.map((l) => `${l.side}${l.text}`)).toEqual(['-line 40', '+changed last']);
  });
});

describe('P6 independence from presentation', () => {
  function scenario(r: TestRepo): { base: string; head: string } {
    r.write('a.txt', lines(...numbered(1, 60)));
    r.write('b c.txt', lines('', 'blank lines', '', 'around', '', ...numbered(1, 30, 'b')));
    r.write('moved/old.ts', lines(...numbered(1, 25, 'm')));
    r.write('sub/dir/x.txt', lines('x1', 'x2', 'x3'));
    r.write('gone.txt', lines('bye'));
    const base = r.commitAll('base');
    const a = numbered(1, 60);
    a[2] = 'edited 3';
    a[30] = 'edited 31';
    a.splice(45, 0, '', 'new blank above');
    r.write('a.txt', lines(...a));
    r.write('b c.txt', lines('', 'blank lines changed', '', 'around', '', ...numbered(1, 30, 'b'), 'tail'));
    r.git('mv', 'moved/old.ts', 'moved/new.ts');
    r.write('moved/new.ts', lines(...numbered(1, 24, 'm'), 'm last'));
    r.write('sub/dir/x.txt', lines('x1', 'x2 edited', 'x3'));
    r.write('sub/copy.txt', lines(...numbered(1, 60)));
    r.git('rm', '-q', 'gone.txt');
    return { base, head: r.commitAll('change') };
  }

  it('keeps keys across context sizes, hunk boundaries and file order', async () => {
    const r = repo();
    const { base, head } = scenario(r);
    const u1 = await rangeItems(r, base, head, 1);
    const u10 = await rangeItems(r, base, head, 10);
    const u3 = await rangeItems(r, base, head, 3);
    expect(u10.length).toBeLessThan(u1.length); // hunks merged: the boundaries really differ
    expect(keySet(u10)).toEqual(keySet(u1));
    expect(keySet(u3)).toEqual(keySet(u1));
    const files = u1.map((i) => i.file).filter((f, i, all) => all.indexOf(f) === i);
    expect(keySet(reviewItems([...files].reverse()))).toEqual(keySet(u1));
  });

  const script = (r: TestRepo, name: string, body: string): string => {
    const path = join(r.dir, '.git', name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const configs: [string, (r: TestRepo) => [string, string][]][] = [
    ['diff.context=0', () => [['diff.context', '0']]],
    ['diff.context=7', () => [['diff.context', '7']]],
    ['diff.algorithm=patience', () => [['diff.algorithm', 'patience']]],
    ['diff.algorithm=histogram', () => [['diff.algorithm', 'histogram']]],
    ['diff.indentHeuristic=false', () => [['diff.indentHeuristic', 'false']]],
    ['diff.noprefix=true', () => [['diff.noprefix', 'true']]],
    ['diff.mnemonicPrefix=true', () => [['diff.mnemonicPrefix', 'true']]],
    ['diff.renames=false', () => [['diff.renames', 'false']]],
    ['diff.renames=copies', () => [['diff.renames', 'copies']]],
    ['diff.relative=true', () => [['diff.relative', 'true']]],
    ['diff.suppressBlankEmpty=true', () => [['diff.suppressBlankEmpty', 'true']]],
    ['diff.interHunkContext=20', () => [['diff.interHunkContext', '20']]],
    ['diff.renameLimit=1', () => [['diff.renameLimit', '1']]],
    ['color.ui=always', () => [['color.ui', 'always'], ['color.diff', 'always']]],
    ['core.quotepath=true', () => [['core.quotepath', 'true']]],
    ['core.abbrev=7', () => [['core.abbrev', '7']]],
    ['diff.external=<script>', (r) => [['diff.external', script(r, 'ext.sh', 'echo external diff; exit 0')]]],
    [
      'a textconv driver',
      (r) => {
        r.write('.gitattributes', '*.txt diff=upper\n*.ts diff=upper\n');
        return [['diff.upper.textconv', script(r, 'upper.sh', 'tr a-z A-Z < "$1"')]];
      },
    ],
  ];

  // What the scenario gives without any user config: the same for every case, computed once.
  let reference: Promise<ReturnType<typeof shape>> | undefined;
  const withoutConfig = () =>
    (reference ??= (async () => {
      const clean = repo();
      const { base, head } = scenario(clean);
      return shape(await rangeItems(clean, base, head));
    })());

  it.each(configs)('keeps keys and items under user config %s', async (_name, setup) => {
    const expected = await withoutConfig();
    const r = repo();
    const { base, head } = scenario(r);
    for (const [key, value] of setup(r)) r.git('config', key, value);
    expect(shape(await rangeItems(r, base, head))).toEqual(expected);
    // The same through diff-index, from a subdirectory (diff.relative).
    r.git('reset', '-q', '--soft', base);
    mkdirSync(join(r.dir, 'sub'), { recursive: true });
    expect(shape(await stagedItems(r, gitOf(r, 'sub')))).toEqual(expected);
  });

  it('keeps keys when GIT_DIFF_OPTS asks for zero context', async () => {
    const r = repo();
    const { base, head } = scenario(r);
    const expected = shape(await rangeItems(r, base, head));
    process.env.GIT_DIFF_OPTS = '--unified=0';
    try {
      expect(shape(await rangeItems(r, base, head))).toEqual(expected);
    } finally {
      delete process.env.GIT_DIFF_OPTS;
    }
  });

  it('computes the empty tree id of the repository object format', async () => {
    expect(await emptyTreeId(gitOf(repo()))).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
    expect(await emptyTreeId(gitOf(repo({ objectFormat: 'sha256' })))).toMatch(/^[0-9a-f]{64}$/);
  });
});
