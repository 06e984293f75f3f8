// `reviewgate init --agent claude` and the hooks it writes, run exactly as Claude Code runs them:
// the command from .claude/settings.json through sh, with the JSON Claude Code sends on stdin.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

interface Settings {
  hooks: Record<string, { matcher: string; hooks: { type: string; command: string }[] }[]>;
}

let repo: TestRepo;
let settings: Settings;
beforeEach(async () => {
  repo = makeRepo();
  repo.write('package.json', JSON.stringify({ name: 'shop', scripts: { test: 'node -e 0' } }));
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('.claude/settings.json', JSON.stringify({ permissions: { allow: ['Bash(npm test)'] } }));
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  const init = await runInProcess(repo.dir, ['init', '--yes', '--agent', 'claude']);
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toContain('Wrote the Claude Code hooks in .claude/settings.json');
  settings = JSON.parse(repo.read('.claude/settings.json')) as Settings;
});
afterEach(() => repo.remove());

const command = (event: string, matcher: string) => settings.hooks[event]!.find((e) => e.matcher === matcher)!.hooks[0]!.command;
const hook = (cmd: string, input: string) =>
  spawnSync('sh', ['-c', cmd], { cwd: repo.dir, env: cleanEnv({ CLAUDE_PROJECT_DIR: repo.dir }), input, encoding: 'utf8' });
const bash = (cmd: string) => JSON.stringify({ session_id: 'abc', transcript_path: '/tmp/t.jsonl', cwd: repo.dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: cmd, description: 'commit' } });

describe('init --agent claude', () => {
  it('adds its hooks and keeps the settings already there', async () => {
    expect((settings as unknown as { permissions: unknown }).permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(command('PreToolUse', 'Bash')).toContain('reviewgate agent claude-bash || exit 2');
    expect(command('PostToolUse', 'ExitPlanMode')).toContain('reviewgate agent claude-plan || exit 2');
    // Twice changes nothing.
    expect((await runInProcess(repo.dir, ['init', '--agent', 'claude'])).code).toBe(0);
    expect(JSON.parse(repo.read('.claude/settings.json'))).toEqual(settings);
  });

  it('the Bash hook blocks git commit/push that skip the hooks (exit 2, the reason on stderr) and lets the rest run', () => {
    const blocked = hook(command('PreToolUse', 'Bash'), bash('git add -A && git commit --no-verify -m "wip"'));
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain('git commit --no-verify skips the git hooks');
    expect(hook(command('PreToolUse', 'Bash'), bash('git push -n --no-verify')).status).toBe(2);
    expect(hook(command('PreToolUse', 'Bash'), bash('git commit -m "tidy"')).status).toBe(0);
  });

  it('the Bash hook never fails open: bad input or a missing reviewgate blocks', () => {
    expect(hook(command('PreToolUse', 'Bash'), '{not json').status).toBe(2);
    spawnSync('rm', ['-f', `${repo.dir}/node_modules/.bin/reviewgate`]);
    const missing = hook(command('PreToolUse', 'Bash'), bash('git status'));
    expect(missing.status).toBe(2);
  });

  it('the ExitPlanMode hook records the approved plan before the code', () => {
    const plan = '## Goal\nReject empty carts.\n## Approach\nValidate in the handler.\n## Risks\nOld clients.\n## Test checklist\n- [ ] rejects an empty cart\n';
    const input = JSON.stringify({ session_id: 'abc', hook_event_name: 'PostToolUse', tool_name: 'ExitPlanMode', tool_input: { plan }, tool_response: {} });
    const r = hook(command('PostToolUse', 'ExitPlanMode'), input);
    expect(r.status, r.stderr).toBe(0);
    expect(repo.git('show', ':.reviewgate/plans/main.md')).toContain('Reject empty carts.');
    const bad = hook(command('PostToolUse', 'ExitPlanMode'), JSON.stringify({ tool_name: 'ExitPlanMode', tool_input: {} }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no tool_input.plan');
  });
});

describe('review --export', () => {
  it('writes the open concerns and notes with file:line and the hunk; after a fix only the changed lines come back', async () => {
    // This test answers review through a pipe: allow it in the rules it is judged by.
    repo.write('.reviewgate.yml', repo.read('.reviewgate.yml').replace('review:\n', 'review:\n  piped: allow\n'));
    repo.commitAll('adopt reviewgate');
    repo.write('src/orders.js', 'export const status = (cart) => 400;\nexport const other = 1;\nexport const a = 2;\nexport const b = 3;\n');
    repo.git('add', 'src/orders.js');
    expect((await runInProcess(repo.dir, ['review'], { input: '! an empty cart must return 422\nc keep other as it is\nn\n' })).code).toBe(0);
    const md = (await runInProcess(repo.dir, ['review', '--export'])).stdout;
    expect(md).toContain('1 open concern (each blocks the review gate until resolved) and 1 note.');
    expect(md).toMatch(/## Concern [0-9a-f]+ — src\/orders\.js:1\n\nTest Author: an empty cart must return 422\n\n```diff\n\+export const status = \(cart\) => 400;\n\+export const other = 1;\n\+export const a = 2;\n\+export const b = 3;\n```/);
    const json = JSON.parse((await runInProcess(repo.dir, ['review', '--export', '--format', 'json'])).stdout) as { comments: { kind: string; file: string; line: number; hunk: string[] }[] };
    expect(json.comments.map((c) => [c.kind, c.file, c.line])).toEqual([['concern', 'src/orders.js', 1], ['note', 'src/orders.js', 1]]);
    // Review everything, then the agent fixes line 1: only it and its neighbour come back.
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    repo.write('src/orders.js', 'export const status = (cart) => (cart.length ? 201 : 422);\nexport const other = 1;\nexport const a = 2;\nexport const b = 3;\n');
    repo.git('add', 'src/orders.js');
    const owed = JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout) as { items: { lines: { text: string }[] }[] };
    // The edited line, and the lines whose key binds it: one and two lines away (key v2).
    expect(owed.items.flatMap((i) => i.lines.map((l) => l.text))).toEqual(['export const status = (cart) => (cart.length ? 201 : 422);', 'export const other = 1;', 'export const a = 2;']);
  });
});
