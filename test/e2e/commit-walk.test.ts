// `git commit` on a terminal walks what the change is missing — plan in $EDITOR, the review
// walker, the run — and the commit goes through with the code and the evidence in it. Driven
// through tmux, a real terminal, on its own tmux server (its own socket).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const SOCKET = `reviewgate-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

let repo: TestRepo;
beforeEach(async () => {
  assertBuilt();
  repo = makeRepo();
  repo.write('.gitignore', 'node_modules/\nplan-draft.md\nexit.txt\n');
  repo.write('.reviewgate.yml', 'version: 1\ntests:\n  required: false\nrun:\n  commands: ["node -e 0"]\n');
  repo.commitAll('adopt reviewgate');
  repo.symlink(BIN, 'node_modules/.bin/reviewgate');
  expect((await runInProcess(repo.dir, ['hooks', 'install', '--pre-commit'])).code).toBe(0);
  repo.write('plan-draft.md', '## Goal\nAdd a.\n## Approach\na.js\n## Risks\nNone.\n## Test checklist\n- [~] a constant — nothing to test\n');
});
afterEach(() => {
  tmux('kill-server');
  repo.remove();
});

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'walk').stdout;
}

async function waitFor(text: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (screen().includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${JSON.stringify(text)}; the screen:\n${screen()}`);
}

describe('git commit on a terminal', () => {
  it.skipIf(!hasTmux)('walks plan, review and run, then commits the code with its evidence', async () => {
    repo.write('src/a.js', 'export const a = 1;\n');
    repo.git('add', 'src/a.js');
    const env = [
      'GIT_CONFIG_NOSYSTEM=1', 'GIT_CONFIG_GLOBAL=/dev/null', 'NO_COLOR=1', 'CI=', 'TERM=xterm',
      `EDITOR="cp '${join(repo.dir, 'plan-draft.md')}'"`, `PATH='${process.env.PATH}'`,
    ].join(' ');
    const shell = `cd '${repo.dir}' && env ${env} git commit -q -m 'add a'; echo "EXIT=$?" > exit.txt; sleep 60`;
    expect(tmux('new-session', '-d', '-s', 'walk', '-x', '160', '-y', '50', shell).status).toBe(0);

    await waitFor('Write it now in your editor? [Y/n]');
    tmux('send-keys', '-t', 'walk', 'Enter');
    await waitFor('Review them now? [Y/n]');
    tmux('send-keys', '-t', 'walk', 'Enter');
    await waitFor('1 + export const a = 1;');
    tmux('send-keys', '-t', 'walk', 'y');
    await waitFor('Run them now? [Y/n]');
    tmux('send-keys', '-t', 'walk', 'Enter');

    const exitFile = join(repo.dir, 'exit.txt');
    const end = Date.now() + 60_000;
    while (!existsSync(exitFile) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(exitFile, 'utf8').trim(), screen()).toBe('EXIT=0');
    expect(screen()).toContain('reviewgate: All four gates hold');

    // One passing commit holding the code, the plan and the evidence.
    const files = repo.git('show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(files).toEqual(expect.arrayContaining(['src/a.js', '.reviewgate/plans/main.md', '.reviewgate/evidence/main.jsonl']));
    expect(repo.git('status', '--porcelain')).toBe('');
    expect((await runInProcess(repo.dir, ['check', '--range', 'HEAD~1..HEAD'])).code).toBe(0);
  }, 120_000);
});
