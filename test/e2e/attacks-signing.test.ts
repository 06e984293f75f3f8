// Attacks on the evidence a person produces, through the built bin: answers piped by a script,
// producers driven from an AI agent's shell, and (with signing on) records written by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignatureRecord } from '../../src/evidence/types.js';
import { signedMessage } from '../../src/sign/canonical.js';
import { runInProcess } from '../helpers/inproc.js';
import { makeRepo, type TestRepo } from '../helpers/repo.js';

const BASE = 'version: 1\nplan:\n  required: false\ntests:\n  required: false\nrun:\n  required: false\n';
const PLAN = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works\n';

let repo: TestRepo;
afterEach(() => repo.remove());

function stageChange(config: string): void {
  repo = makeRepo();
  repo.write('.reviewgate.yml', config);
  repo.write('a.txt', 'one\n');
  repo.commitAll('initial');
  repo.write('a.txt', 'one\ntwo\nthree\n');
  repo.git('add', 'a.txt');
}

// Piped answers and agents' shells: test/e2e/attacks-person.test.ts.

describe('signed evidence (evidence.require_signatures)', () => {
  const SIGNED = `${BASE}review:\n  piped: allow\n  pace: off\nevidence:\n  sign: ssh\n  require_signatures: true\n`;
  const EVIDENCE = '.reviewgate/evidence/main.jsonl';

  function keypair(name: string): { key: string; pub: string } {
    const key = join(repo.dir, '.git', name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
    return { key, pub: readFileSync(`${key}.pub`, 'utf8').trim() };
  }

  /** A repository whose base trusts `author@example.com`'s key; git signs with it. */
  function signedRepo(config = SIGNED): { key: string; pub: string } {
    stageChange(config);
    const own = keypair('own');
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', own.key);
    repo.git('stash', '-q');
    repo.write('.reviewgate/allowed_signers', `author@example.com namespaces="reviewgate-*" ${own.pub}\n`);
    repo.commitAll('trust the author');
    repo.git('stash', 'pop', '-q');
    repo.git('add', 'a.txt');
    return own;
  }

  /** A PATH that has git and nothing else (no ssh-keygen). */
  function onlyGit(): string {
    const bin = join(repo.dir, '.git', 'only-git');
    mkdirSync(bin, { recursive: true });
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
    return bin;
  }

  const records = () => repo.read(EVIDENCE).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const writeRecords = (list: Record<string, unknown>[]) => {
    repo.write(EVIDENCE, list.map((r) => JSON.stringify(r)).join('\n') + '\n');
    repo.git('add', EVIDENCE);
  };

  it('counts a signed review, and `verify` lists it as verified', async () => {
    signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const list = records();
    expect(list.map((r) => r.type)).toEqual(['review', 'signature']);
    expect(String(list[1]?.signature)).toContain('BEGIN SSH SIGNATURE');
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.stdout).toContain('2/2 changed lines reviewed');
    expect(check.code).toBe(0);
    // The verdict is cached: a repeated check needs no ssh-keygen at all.
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'], { env: { PATH: onlyGit() } })).code).toBe(0);
    const verify = await runInProcess(repo.dir, ['verify', '--format', 'json']);
    expect(verify.code).toBe(0);
    const out = JSON.parse(verify.stdout) as { records: { type: string; ok: boolean; principal: string | null; file: string; line: number }[] };
    expect(out.records).toEqual([expect.objectContaining({ type: 'review', ok: true, principal: 'author@example.com', file: EVIDENCE, line: 1 })]);
  });

  it('`keys add` appends git\'s signing key for the user, limited to reviewgate\'s namespaces, and stages it', async () => {
    stageChange(SIGNED);
    const own = keypair('own');
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${own.key}.pub`);
    const added = await runInProcess(repo.dir, ['keys', 'add']);
    expect(added.code).toBe(0);
    const line = repo.read('.reviewgate/allowed_signers');
    expect(line).toBe(`author@example.com namespaces="reviewgate-*" ${own.pub.split(' ').slice(0, 2).join(' ')}\n`);
    expect(repo.git('diff', '--cached', '--name-only')).toContain('.reviewgate/allowed_signers');
    expect((await runInProcess(repo.dir, ['keys', 'add'])).stdout).toContain('already lists this key');
  });

  it('`verify` rejects an unsigned record and exits 1', async () => {
    signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    writeRecords([records()[0] as Record<string, unknown>]);
    const verify = await runInProcess(repo.dir, ['verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/rejected \.reviewgate\/evidence\/main\.jsonl:1 review \w+ by author@example.com: it is not signed/);
  });

  it('does not count a hand-forged review record, naming its file:line', async () => {
    signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    // What a script can write: a well-formed record with the right keys (here taken from a real
    // one, which a script can compute), under a new id and without a signature.
    const forged = { ...records()[0], id: 'f0f0f0f0f0f0', mode: 'terminal', durationMs: 600_000 };
    writeRecords([forged]);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('review record f0f0f0f0f0f0 by author@example.com does not count: it is not signed');
    expect(check.stdout).toContain(`${EVIDENCE}:1`);
  });

  it('does not count a signed record tampered with after signing', async () => {
    signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const [review, sig] = records();
    writeRecords([{ ...review, durationMs: 3_600_000 }, sig as Record<string, unknown>]);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('its content differs from what author@example.com signed');
  });

  it('does not count a record signed by a key the base does not list', async () => {
    signedRepo();
    const stranger = keypair('stranger');
    repo.git('config', 'user.signingkey', stranger.key);
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('signed by a key that is not in the allowed-signers file');
  });

  it('does not trust a key that the change itself adds to the allowed-signers file', async () => {
    signedRepo();
    const stranger = keypair('stranger');
    repo.git('config', 'user.signingkey', stranger.key);
    repo.write('.reviewgate/allowed_signers', `author@example.com namespaces="reviewgate-*" ${stranger.pub}\n`);
    repo.git('add', '.reviewgate/allowed_signers');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'])).code).toBe(1);
  });

  it('does not count a signature made in another namespace (a git commit signature reused)', async () => {
    const own = signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const [review, sig] = records() as [Record<string, unknown>, Record<string, unknown>];
    const message = signedMessage(sig as unknown as SignatureRecord);
    const other = execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-f', own.key, '-n', 'git'], { input: message, encoding: 'utf8' }).trim();
    writeRecords([review, { ...sig, signature: other }]);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('the signature does not verify for namespace reviewgate-review');
  });

  it('does not count a failing run whose signed record was rewritten to a pass', async () => {
    signedRepo(`version: 1\nplan:\n  required: false\ntests:\n  required: false\nreview:\n  required: false\nrun:\n  commands: ["node -e \\"process.exit(1)\\""]\nevidence:\n  sign: ssh\n  require_signatures: true\n`);
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(1);
    expect(records().map((r) => r.namespace ?? r.type)).toEqual(['run', 'reviewgate-run']);
    const [run, sig] = records() as [Record<string, unknown>, Record<string, unknown>];
    expect(run.exitCode).toBe(1);
    writeRecords([{ ...run, exitCode: 0 }, sig]);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'run']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/run record \w+ by author@example.com does not count: its content differs/);
  });

  it('counts a signed plan; not one edited after signing, nor one written by hand', async () => {
    signedRepo(`version: 1\ntests:\n  required: false\nrun:\n  required: false\nevidence:\n  sign: ssh\n  require_signatures: true\n`);
    expect((await runInProcess(repo.dir, ['plan', '--from', '-'], { input: PLAN })).code).toBe(0);
    expect(records().map((r) => r.namespace)).toEqual(['reviewgate-plan']);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'plan'])).code).toBe(0);
    const plan = '.reviewgate/plans/main.md';
    repo.write(plan, repo.read(plan).replace('## Risks\nr', '## Risks\nnone at all'));
    repo.git('add', plan);
    const edited = await runInProcess(repo.dir, ['check', '--gate', 'plan']);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('the plan does not count: its content differs from what author@example.com signed');
    repo.write(EVIDENCE, '');
    repo.git('add', EVIDENCE);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'plan'])).stdout).toContain('the plan does not count: it is not signed');
  });

  it('exits 2 with the install hint when ssh-keygen is missing', async () => {
    signedRepo();
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const check = await runInProcess(repo.dir, ['check', '--gate', 'review'], { env: { PATH: onlyGit() } });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('ssh-keygen is not installed');
    expect(check.stderr).toContain('openssh');
  });

});

describe('run --verify', () => {
  // A pass that depends on something only the developer's machine has (here an ignored file; in an
  // attack, a record written by a script): CI runs the command again on the judged tree.
  const COMMAND = `node -e "process.exit(require('fs').existsSync('local-only.flag') ? 0 : 1)"`;
  const CONFIG = `version: 1\nrun:\n  commands: [${JSON.stringify(COMMAND)}]\n`;

  it('reports a recorded pass that does not reproduce on the judged tree, and confirms one that does', async () => {
    stageChange(CONFIG);
    repo.write('.gitignore', 'local-only.flag\n');
    repo.write('local-only.flag', '');
    repo.git('add', '.gitignore');
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'run'])).code).toBe(0);
    repo.commitAll('change with its evidence');
    const verify = await runInProcess(repo.dir, ['run', '--verify', '--range', 'HEAD~1..HEAD']);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('a run record claims it passed on this tree, but it failed here');
    // Nothing is recorded by --verify.
    expect(repo.git('status', '--porcelain')).toBe('');

    repo.write('.gitignore', '');
    repo.commitAll('the flag is part of the tree now');
    const fine = await runInProcess(repo.dir, ['run', '--verify', '--range', 'HEAD~1..HEAD']);
    expect(fine.stderr).toContain('passed here; no run record claims it');
    expect(fine.code).toBe(0);
  });
});

describe('two reviewers where it matters (review.rules)', () => {
  const rules = (extra: string) => `${BASE}review:\n  piped: allow\n  pace: off\n  rules:\n    - paths: ["src/pay/**"]\n${extra}`;

  async function changeUnderRule(config: string): Promise<string> {
    repo = makeRepo();
    repo.write('.reviewgate.yml', config);
    repo.write('README.md', 'shop\n');
    const base = repo.commitAll('adopt');
    repo.write('src/pay/charge.ts', 'export const charge = (n: number) => n * 100;\n');
    repo.write('src/other.ts', 'export const other = 1;\n');
    repo.git('add', '-A');
    const first = await runInProcess(repo.dir, ['review'], { input: 'y\ny\n' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    repo.commitAll('charge');
    return base;
  }
  const reviewAs = async (email: string, range: string, input: string) => {
    repo.git('config', 'user.email', email);
    return await runInProcess(repo.dir, ['review', '--range', range], { input });
  };

  it('is not met by one person reviewing twice; a second person reviewing the range meets it', async () => {
    const range = `${await changeUnderRule(rules('      reviewers: 2\n'))}..HEAD`;
    const one = await runInProcess(repo.dir, ['check', '--range', range]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('lack their second reviewer');
    expect(one.stdout).toContain('src/pay/charge.ts');
    // The same person again: nothing left for them to review, and a copied record does not help.
    expect((await reviewAs('author@example.com', range, 'y\n')).stdout).toContain('already reviewed');
    const file = '.reviewgate/evidence/main.jsonl';
    const [first] = repo.read(file).trim().split('\n');
    repo.write(file, `${repo.read(file)}${JSON.stringify({ ...JSON.parse(first as string), id: 'c0c0c0c0c0c0' })}\n`);
    repo.commitAll('the same review twice');
    expect((await runInProcess(repo.dir, ['check', '--range', range])).code).toBe(1);

    const second = await reviewAs('bob@example.com', range, 'y\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('reviewed 1 item');
    repo.commitAll('second review');
    const two = await runInProcess(repo.dir, ['check', '--range', range]);
    expect(two.stdout).toContain('unverified');
    expect(two.code).toBe(0);
  });

  it('with distinct_from_author, the author\'s own review does not count', async () => {
    const range = `${await changeUnderRule(rules('      reviewers: 1\n      distinct_from_author: true\n'))}..HEAD`;
    const own = await runInProcess(repo.dir, ['check', '--range', range]);
    expect(own.code).toBe(1);
    expect(own.stdout).toContain('the author author@example.com does not count');
    expect((await reviewAs('bob@example.com', range, 'y\n')).code).toBe(0);
    repo.commitAll('review by someone else');
    expect((await runInProcess(repo.dir, ['check', '--range', range])).code).toBe(0);
  });
});
