// The first minutes with reviewgate: output piped to head, help text, errors in CI annotations.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
});
afterEach(() => repo.remove());

describe('onboarding without detours', () => {
  it('prints no EPIPE stack trace when the reader of its output goes away', () => {
    // `true` exits without reading: every write of reviewgate meets a closed pipe.
    const r = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' --help | true; '${process.execPath}' '${BIN}' check | true`], { cwd: repo.dir, env: cleanEnv(), encoding: 'utf8' });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toContain('at ');
  });

  it('`reviewgate` alone checks the staged change (walking only on a terminal)', async () => {
    repo.write('a.txt', 'x\n');
    repo.git('add', 'a.txt');
    const r = await runInProcess(repo.dir, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ plan');
  });

  it('shows help without internal positionals or "(default: [])"', async () => {
    const check = (await runInProcess(repo.dir, ['check', '--help'])).stdout;
    expect(check).toContain('Usage: reviewgate check [options]\n');
    expect(check).not.toContain('[url]');
    expect(check).not.toContain('(default: [])');
    const review = (await runInProcess(repo.dir, ['review', '--help'])).stdout;
    expect(review).toContain('Usage: reviewgate review [options]\n');
    expect(review).not.toContain('resolution...');
  });

  it('turns an error into a ::error:: annotation with --format github', async () => {
    // Committed: check judges by HEAD's rules, so a broken file only in the work tree is not read.
    repo.write('.reviewgate.yml', 'version: 1\nplan:\n  before_code: warning\n');
    repo.commitAll('a broken configuration');
    const r = await runInProcess(repo.dir, ['check', '--format', 'github']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('::error file=.reviewgate.yml,line=3,title=reviewgate::.reviewgate.yml:3:16 plan.before_code: expected one of "warn", "fail", "off", got a string ("warning")%0Afix: did you mean "warn"?\n');
    expect(r.stderr).toContain('did you mean "warn"?');
  });
});
