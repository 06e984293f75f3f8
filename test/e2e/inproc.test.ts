// Most e2e tests call the CLI in the test process (helpers/inproc.ts). That is only sound while it
// answers exactly as the built bin does and leaves the test process as it found it: both pinned here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const PLAN = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works\n';
const CONFIG = 'version: 1\nreview:\n  piped: allow\nrun:\n  commands: ["node -e \\"console.log(process.cwd().length > 0)\\""]\ntests:\n  required: false\n';
const STEPS: { args: string[]; input?: string; env?: Record<string, string> }[] = [
  { args: ['check', '--format', 'json'] },
  { args: ['plan', '--from', '-', '--title', 'twin'], input: PLAN },
  { args: ['review', '--list'] },
  { args: ['review'], input: 'y\nq\n' },
  { args: ['run'] },
  { args: ['check'] },
  { args: ['check', '--format', 'github', '--config', 'missing.yml'] },
  { args: ['review', '--resolve'] },
  { args: ['no-such-command'] },
  { args: ['check', '--pre-push', 'origin'], input: 'refs/heads/main 1111111111111111111111111111111111111111 refs/heads/main 0000000000000000000000000000000000000000\n' },
  { args: ['check'], env: { NO_COLOR: '', FORCE_COLOR: '1' } },
];

let repos: TestRepo[] = [];
beforeEach(() => {
  repos = [makeRepo(), makeRepo()];
  for (const repo of repos) {
    repo.write('.reviewgate.yml', CONFIG);
    repo.write('a.txt', 'one\n');
    repo.commitAll('initial');
    repo.write('a.txt', 'one\ntwo\n');
    repo.git('add', '-A');
  }
});
afterEach(() => {
  for (const repo of repos) repo.remove();
});

/** What differs between two repositories made the same way: their folders, ids and times. */
function normalized(r: CliResult, repo: TestRepo): CliResult {
  const clean = (text: string) =>
    text
      .replaceAll(repo.dir, '<repo>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<when>')
      .replace(/\b[0-9a-f]{7,64}\b/g, '<id>')
      .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<time>')
      // A piped review's pace: a few milliseconds from the bin, none measurable in process.
      .replace(/\((\S+ lines\/hour|no measurable time)\)/g, '(<pace>)');
  return { code: r.code, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

describe('the CLI in the test process', () => {
  it('answers every step of a change as the built bin does: exit code, stdout and stderr', async () => {
    const [spawned, inProcess] = repos as [TestRepo, TestRepo];
    const codes = new Set<number>();
    for (const step of STEPS) {
      const expected = normalized(runCli(spawned.dir, step.args, step), spawned);
      const actual = normalized(await runInProcess(inProcess.dir, step.args, step), inProcess);
      expect(actual, step.args.join(' ')).toEqual(expected);
      codes.add(expected.code);
    }
    // The steps reached every exit code a command gives.
    expect(codes).toEqual(new Set([0, 1, 2]));
  });

  it('leaves the working directory, environment, streams and signal listeners as they were', async () => {
    const repo = repos[0] as TestRepo;
    const before = { cwd: process.cwd(), env: { ...process.env }, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, sigint: process.listenerCount('SIGINT'), exitCode: process.exitCode };
    await runInProcess(repo.dir, ['run'], { env: { REVIEWGATE_MARK: '1' } });
    await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    await runInProcess(repo.dir, ['no-such-command']);
    expect({ cwd: process.cwd(), env: { ...process.env }, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, sigint: process.listenerCount('SIGINT'), exitCode: process.exitCode }).toEqual(before);
    expect(process.env.REVIEWGATE_MARK).toBeUndefined();
  });

  it('runs one command line at a time when called concurrently, each with its own output', async () => {
    const [a, b] = repos as [TestRepo, TestRepo];
    const [ra, rb] = await Promise.all([runInProcess(a.dir, ['review', '--list']), runInProcess(b.dir, ['check', '--format', 'json'])]);
    expect(ra.stdout).toContain('a.txt');
    expect(JSON.parse(rb.stdout)).toMatchObject({ ok: false, target: { kind: 'staged' } });
  });
});
