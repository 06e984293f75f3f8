// `npm run replay` on a small history made with real git: renames, a binary, a submodule pointer,
// a symlink, a mode change, an empty file, a deletion, a type change, repeated lines, and merges
// (one resolved by hand). reviewgate's items must agree with git's --raw/--numstat and patch.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reviewItems } from '../../src/diff/items.js';
import { compareCommit } from '../../src/replay/compare.js';
import { parsePatchNumbers, parseRawNumstat } from '../../src/replay/gitview.js';
import { replay, summarize } from '../../src/replay/replay.js';
import type { TestRepo } from '../helpers/repo.js';
import { cleanEnv } from '../helpers/repo.js';
import { commitFiles, useTestRepos } from './diff-support.js';

const repo = useTestRepos();
const SCRIPT = fileURLToPath(new URL('../../scripts/replay.mjs', import.meta.url));
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i}`).join('\n') + '\n';

function history(r: TestRepo): void {
  r.write('src/a.js', lines(30, 'a'));
  r.write('src/b.js', lines(10, 'b'));
  r.write('run.sh', 'echo hi\n');
  r.commitAll('start');
  r.git('rm', '-q', 'src/b.js');
  r.write('lib/b.js', `${lines(10, 'b')}one more\n`);
  r.commitAll('rename with an edit');
  r.write('logo.bin', Buffer.from([0, 1, 2, 3, 255, 0, 7]));
  r.write('empty.txt', '');
  r.chmod('run.sh', 0o755);
  r.symlink('src/a.js', 'link');
  r.commitAll('binary, empty file, mode, symlink');
  const pointer = r.git('rev-parse', 'HEAD');
  r.git('update-index', '--add', '--cacheinfo', `160000,${pointer},vendor/sub`);
  r.git('commit', '-q', '-m', 'submodule pointer');
  r.write('src/a.js', `${lines(5, 'a')}}\n\n}\n\n}\n${lines(30, 'a').split('\n').slice(5).join('\n')}`);
  r.git('rm', '-q', 'empty.txt');
  r.commitAll('repeated lines and a deletion');
  r.git('rm', '-q', 'link');
  r.write('link', 'now a file\nwith two lines\n');
  r.commitAll('type change');
  r.git('checkout', '-q', '-b', 'side', 'HEAD~2');
  r.write('src/a.js', `side\n${r.read('src/a.js')}`);
  r.commitAll('side edit');
  r.git('checkout', '-q', 'main');
  r.git('merge', '-q', '--no-edit', 'side');
  r.git('checkout', '-q', '-b', 'clash', 'HEAD~1');
  r.write('lib/b.js', `${lines(10, 'b')}clash side\n`);
  r.commitAll('clash');
  r.git('checkout', '-q', 'main');
  r.write('lib/b.js', `${lines(10, 'b')}main side\n`);
  r.commitAll('main side');
  r.gitResult(['merge', '-q', '--no-edit', 'clash']);
  r.write('lib/b.js', `${lines(10, 'b')}both sides, by hand\n`);
  r.git('add', 'lib/b.js');
  r.git('commit', '-q', '--no-edit');
}

describe('replay', () => {
  it('finds no mismatch in a history with every kind of change, merges included', async () => {
    const r = repo();
    history(r);
    // The history really has a type change and a rename, and a merge with a hand-made resolution.
    expect(r.git('log', '--raw', '--no-abbrev', '--format=')).toMatch(/ T\tlink\n[\s\S]* R\d+\tsrc\/b\.js\tlib\/b\.js/);
    expect(r.git('show', '--remerge-diff', '--format=', 'HEAD')).toContain('+both sides, by hand');
    const reports = await replay({ dir: r.dir });
    const s = summarize(reports);
    expect(reports.flatMap((x) => x.mismatches)).toEqual([]);
    expect(s.commits).toBe(11);
    expect(s.merges).toBe(2);
    for (const kind of ['lines', 'rename', 'binary', 'mode', 'symlink', 'submodule', 'delete', 'empty']) expect(s.kinds[kind], kind).toBeGreaterThan(0);
    expect(s.medianMs).toBeGreaterThan(0);
  });

  it('reports a mismatch when reviewgate would drop a line or misnumber one', async () => {
    const r = repo();
    r.write('a.txt', lines(20, 'x'));
    r.commitAll('one');
    r.write('a.txt', lines(20, 'x').replace('x line 7', 'changed 7').replace('x line 15', 'changed 15'));
    r.commitAll('two');
    const items = reviewItems(await commitFiles(r));
    const raw = parseRawNumstat(Buffer.from(r.git('diff-tree', '-r', '-z', '--raw', '--numstat', '--no-abbrev', 'HEAD~1', 'HEAD')));
    const numbers = parsePatchNumbers(r.git('diff-tree', '-r', '-p', '-U1', '--full-index', 'HEAD~1', 'HEAD'));
    expect(compareCommit(items, raw, numbers).mismatches).toEqual([]);
    // Without the second hunk: the counts differ from --numstat.
    expect(compareCommit(items.slice(0, 1), raw, numbers).mismatches[0]).toMatch(/a\.txt: \+1 -1 changed lines, git --numstat says \+2 -2/);
    // A line number off by one.
    const [first, ...rest] = items;
    const shifted = { ...first!, lines: first!.lines.map((l) => ({ ...l, line: l.line + 1 })) };
    expect(compareCommit([shifted, ...rest], raw, numbers).mismatches.join('\n')).toMatch(/line numbers differ/);
  });

  it('runs as `npm run replay -- <dir>` and prints the figures', () => {
    const r = repo();
    history(r);
    const out = spawnSync(process.execPath, [SCRIPT, r.dir, '--quiet'], { encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^commits: 11 \(2 merges\)$/m);
    expect(out.stdout).toMatch(/^mismatches: 0$/m);
    expect(out.stdout).toMatch(/^reviewgate per commit: median [\d.]+ ms, max [\d.]+ ms/m);
    expect(out.stdout).toMatch(/^peak RSS: \d+ MB/m);
  });
});
