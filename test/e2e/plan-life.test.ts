// The plan's life through the built bin: refusing an untouched template, keeping scope:,
// closing with --status done, replacing an active plan, --show, and an editor that fails.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';
import { planTemplate } from '../../src/plan/template.js';

const SECTIONS = ['Goal', 'Approach', 'Risks', 'Test checklist'];
const PLAN = '---\nscope: ["src/**"]\n---\n## Goal\nRound half up.\n## Approach\nprice.ts\n## Risks\nNegative prices.\n## Test checklist\n- [ ] rounds half up\n';
let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('README.md', 'x\n');
  repo.commitAll('initial');
  repo.write('src/price.ts', 'export const p = 1;\n');
  repo.write('docs/notes.md', 'outside\n');
  repo.git('add', '-A');
});
afterEach(() => repo.remove());

describe('the plan', () => {
  it('refuses the unchanged template and lists the sections still missing', async () => {
    const r = await runInProcess(repo.dir, ['plan', '--from', '-'], { input: planTemplate(SECTIONS) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('still the unchanged template; these sections need content: Goal, Approach, Risks, Test checklist');
  });
  it('records a partial plan and names what is missing', async () => {
    const r = await runInProcess(repo.dir, ['plan', '--from', '-'], { input: '## Goal\nRound half up.\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Still missing: Approach, Risks, Test checklist');
  });
  it('keeps scope: and reports files changed outside it', async () => {
    expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
    expect(repo.read('.reviewgate/plans/main.md')).toMatch(/scope:\n {2}- src\/\*\*/);
    const check = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json', '--gate', 'plan'])).stdout) as { gates: { findings: { code: string; message: string }[] }[] };
    expect(check.gates[0]!.findings).toContainEqual(expect.objectContaining({ code: 'plan.scope', message: expect.stringContaining('docs/notes.md') }));
    const show = await runInProcess(repo.dir, ['plan', '--show']);
    expect(show.stdout).toContain('✓ Goal');
    expect(show.stdout).toContain('✗ rounds half up → no matching test yet');
    expect(show.stdout).toContain('outside the scope: docs/notes.md');
  });
  it('closes a plan with --status done (staged) and says so when --from replaces an active plan', async () => {
    await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN });
    const again = await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN });
    expect(again.stdout).toContain('Replacing the active plan in .reviewgate/plans/main.md');
    const done = await runInProcess(repo.dir, ['plan', '--status', 'done']);
    expect(done.code).toBe(0);
    expect(repo.git('show', ':.reviewgate/plans/main.md')).toContain('status: done');
    expect(repo.read('.reviewgate/plans/main.md')).toContain('Round half up.');
  });
  it('keeps the draft and prints its path when the editor exits non-zero (on a terminal)', () => {
    const r = spawnSync('script', ['-q', '-e', '-c', `'${process.execPath}' '${BIN}' plan`, '/dev/null'], { cwd: repo.dir, env: cleanEnv({ EDITOR: 'false', TERM: 'dumb' }), encoding: 'utf8', input: '' });
    expect(r.stdout).toMatch(/your draft is kept in \S+plan-draft\.md/);
    expect(r.status).toBe(2);
  });

  it('names the fix when no editor is set (on a terminal)', () => {
    const env = cleanEnv({ TERM: 'dumb' });
    delete env.EDITOR;
    delete env.VISUAL;
    const r = spawnSync('script', ['-q', '-e', '-c', `'${process.execPath}' '${BIN}' plan`, '/dev/null'], { cwd: repo.dir, env, encoding: 'utf8', input: '' });
    expect(r.stdout).toContain('no editor');
    expect(r.stdout).toContain('--from');
    expect(r.status).toBe(2);
  });
});
