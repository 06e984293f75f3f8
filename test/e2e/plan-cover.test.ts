// Which plan covers a change: the one recorded with it, or (off the default branch) the one
// recorded earlier on the branch until it is marked done — in staged mode and per commit in
// range mode, through the built bin on real repositories.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const PLAN = (goal: string) => `## Goal\n${goal}\n## Approach\nprice.ts\n## Risks\nNone.\n## Test checklist\n- [~] nothing to test — a constant\n`;

interface Json {
  ok: boolean;
  gates: { id: string; ok: boolean; summary: string; findings: { code: string; message: string; fix?: string }[] }[];
}

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'version: 1\n');
  repo.write('README.md', 'x\n');
  repo.commitAll('adopt reviewgate');
});
afterEach(() => repo.remove());

const planGate = async (args: string[] = []) => {
  const r = await runInProcess(repo.dir, ['check', '--gate', 'plan', '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as Json).gates[0]!;
};
const plan = async (goal: string) => expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN(goal) })).code).toBe(0);
const change = (path: string, lines: number, tag: string) => {
  repo.write(path, Array.from({ length: lines }, (_, i) => `export const ${tag}${i} = ${i};`).join('\n') + '\n');
  repo.git('add', '-A');
};
const commit = (message: string) => {
  repo.git('commit', '-q', '--no-verify', '-m', message);
  return repo.git('rev-parse', 'HEAD');
};

describe('on the default branch, each change needs its own plan', () => {
  it('covers the change the plan is staged with, not the next one, and a continued plan covers it again', async () => {
    await plan('First change.');
    change('src/a.ts', 3, 'a');
    expect((await planGate()).ok).toBe(true);
    commit('first change');

    change('src/b.ts', 8, 'b');
    const later = await planGate();
    expect(later.ok).toBe(false);
    expect(later.findings[0]!.message).toBe('no plan covers this change: on main each change needs its own plan (.reviewgate/plans/main.md was recorded with an earlier change)');
    expect(later.findings[0]!.fix).toContain('answer c to continue');

    await plan('Second change.');
    const continued = await planGate();
    expect(continued.ok).toBe(true);
    // Recorded after the 8 lines were written, and it says so with counts that fit the change.
    expect(continued.findings.map((f) => f.message)).toContain('the plan was recorded after the code: 8 of the 8 changed lines (in 1 file) already existed');
  });

  it('never lets a done plan cover new work', async () => {
    await plan('First change.');
    change('src/a.ts', 23, 'a');
    commit('first change');
    expect((await runInProcess(repo.dir, ['plan', '--status', 'done'])).code).toBe(0);
    commit('close the plan');
    change('src/b.ts', 8, 'b');
    const gate = await planGate();
    expect(gate.ok).toBe(false);
    expect(gate.findings.map((f) => f.message).join('\n')).not.toMatch(/23 of the 8/);
  });

  it('covers the change that marks the plan done, with it', async () => {
    await plan('First change.');
    change('src/a.ts', 2, 'a');
    commit('first change');
    expect((await runInProcess(repo.dir, ['plan', '--status', 'done'])).code).toBe(0);
    change('src/a.ts', 3, 'a');
    // A done plan staged with its last change, marked done by it.
    const gate = await planGate();
    expect(gate.ok).toBe(true);
    expect(gate.summary).toContain('marked done');
  });

  it('range mode (pre-push to main) names the commit that came without its own plan', async () => {
    const remote = makeRepo({ bare: true });
    try {
      repo.git('remote', 'add', 'origin', remote.dir);
      repo.git('push', '-q', 'origin', 'main');
      await plan('First change.');
      change('src/a.ts', 3, 'a');
      commit('first change');
      change('src/b.ts', 2, 'b');
      const second = commit('second change');
      const tip = repo.git('rev-parse', 'HEAD');
      const base = repo.git('rev-parse', 'origin/main');
      const r = await runInProcess(repo.dir, ['check', '--pre-push', 'origin', remote.dir, '--gate', 'plan', '--format', 'json'], { input: `refs/heads/main ${tip} refs/heads/main ${base}\n` });
      const gate = (JSON.parse(r.stdout) as Json).gates[0]!;
      expect(gate.ok).toBe(false);
      expect(gate.findings.map((f) => f.message)).toEqual([`no plan covers commit ${second.slice(0, 12)}: on main each change needs its own plan`]);
      expect(r.code).toBe(1);
    } finally {
      remote.remove();
    }
  });
});

describe('on a branch, a plan covers the commits after it until it is marked done', () => {
  it('covers later commits, staged and per commit, without re-judging when it was recorded', async () => {
    repo.git('checkout', '-q', '-b', 'feat/prices');
    change('src/a.ts', 23, 'a');
    await plan('Prices.'); // recorded after 23 lines were written: late, for that commit only
    const first = await planGate();
    expect(first.findings.map((f) => f.code)).toContain('plan.after_code');
    commit('first change');

    change('src/b.ts', 8, 'b');
    const later = await planGate();
    expect(later.ok).toBe(true);
    expect(later.findings).toEqual([]);
    commit('second change');

    const range = await planGate(['--range', 'main..HEAD']);
    expect(range.ok).toBe(true);
    expect(range.findings.map((f) => f.message)).toEqual(['the plan was recorded after the code: 23 of the 23 changed lines (in 1 file) already existed']);
  });

  it('stops covering once marked done: the next commit is named in range mode', async () => {
    repo.git('checkout', '-q', '-b', 'feat');
    await plan('Prices.');
    change('src/a.ts', 2, 'a');
    commit('first');
    expect((await runInProcess(repo.dir, ['plan', '--status', 'done'])).code).toBe(0);
    change('src/a.ts', 3, 'a');
    commit('last change, closing the plan');
    change('src/c.ts', 1, 'c');
    const staged = await planGate();
    expect(staged.ok).toBe(false);
    expect(staged.findings[0]!.message).toBe('no plan covers this change: the plan in .reviewgate/plans/feat.md is marked done, and a done plan covers no new work');
    const extra = commit('unrelated');
    const range = await planGate(['--range', 'main..HEAD']);
    expect(range.findings.map((f) => f.message)).toEqual([`no plan covers commit ${extra.slice(0, 12)}: the plan in .reviewgate/plans/feat.md is marked done, and a done plan covers no new work`]);
  });

  it("does not take the default branch's plan: a new branch needs its own", async () => {
    await plan('Main work.');
    change('src/a.ts', 2, 'a');
    commit('main change with its plan');
    repo.git('checkout', '-q', '-b', 'feat');
    change('src/b.ts', 2, 'b');
    const gate = await planGate();
    expect(gate.ok).toBe(false);
    expect(gate.findings[0]!.message).toBe('no plan covers this change: no plan was recorded with it or earlier on its branch');
    commit('feature change');
    expect((await planGate(['--range', 'main..HEAD'])).ok).toBe(false);
  });

  it('keeps covering after the default branch is merged into the branch', async () => {
    repo.git('checkout', '-q', '-b', 'feat');
    await plan('Prices.');
    change('src/a.ts', 2, 'a');
    commit('feature with plan');
    repo.git('checkout', '-q', 'main');
    await plan('Other work on main.');
    change('src/m.ts', 2, 'm');
    commit('main with its own plan');
    repo.git('checkout', '-q', 'feat');
    repo.git('merge', '-q', '--no-edit', 'main');
    change('src/a.ts', 4, 'a');
    expect((await planGate()).ok).toBe(true);
    commit('after the merge');
    const range = await planGate(['--range', 'main..HEAD']);
    expect(range.ok).toBe(true);
  });
});
