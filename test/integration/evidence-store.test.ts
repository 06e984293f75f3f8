// The evidence store against real files: concurrent writers in one process and in several,
// writers killed mid-append, stale and live locks.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { acquireLock } from '../../src/evidence/lock.js';
import { parseEvidence } from '../../src/evidence/parse.js';
import { appendRecords, recordBase, writeFileAtomic } from '../../src/evidence/store.js';
import type { EvidenceRecord, ResolveRecord } from '../../src/evidence/types.js';

const FILE = 'evidence/main.jsonl';
const by = { name: 'Ada', email: 'ada@example.com' };
const record = (text: string): ResolveRecord => ({ ...recordBase(by, 'test'), type: 'resolve', concern: 'c1', text });

let root: string;
let lockDir: string;
const evidence = (): EvidenceRecord[] => parseEvidence(readFileSync(join(root, '.reviewgate', FILE), 'utf8'), FILE);
const leftovers = (): string[] => readdirSync(join(root, '.reviewgate', 'evidence')).filter((n) => n.endsWith('.tmp'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'reviewgate-store-'));
  lockDir = join(root, '.git', 'reviewgate');
  mkdirSync(join(root, '.git'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('appendRecords', () => {
  it('creates the file and the evidence .gitattributes, and returns both paths for staging', async () => {
    writeFileSync(join(root, '.gitattributes'), '* text=auto\n');
    const written = await appendRecords(root, '.reviewgate', FILE, [record('one'), record('two')], lockDir);
    expect(written).toEqual(['.reviewgate/evidence/main.jsonl', '.reviewgate/.gitattributes']);
    expect(evidence().map((r) => (r as ResolveRecord).text)).toEqual(['one', 'two']);
    expect(readFileSync(join(root, '.reviewgate', '.gitattributes'), 'utf8')).toBe('evidence/*.jsonl merge=union\n');
    expect(readFileSync(join(root, '.gitattributes'), 'utf8')).toBe('* text=auto\n');
    // The lock lives in the git dir and is gone afterwards; nothing stray in the work tree.
    expect(readdirSync(lockDir)).toEqual([]);
    expect(readdirSync(join(root, '.reviewgate')).sort()).toEqual(['.gitattributes', 'evidence']);
  });

  it('appends after existing lines and returns only the evidence file once .gitattributes exists', async () => {
    await appendRecords(root, '.reviewgate', FILE, [record('one')], lockDir);
    const written = await appendRecords(root, '.reviewgate', FILE, [record('two')], lockDir);
    expect(written).toEqual(['.reviewgate/evidence/main.jsonl']);
    expect(evidence()).toHaveLength(2);
  });

  it('adds the union rule to an evidence .gitattributes that lacks it, keeping its lines', async () => {
    mkdirSync(join(root, 'ev'));
    writeFileSync(join(root, 'ev', '.gitattributes'), '*.md text');
    const written = await appendRecords(root, 'ev', FILE, [record('x')], lockDir);
    expect(written).toContain('ev/.gitattributes');
    expect(readFileSync(join(root, 'ev', '.gitattributes'), 'utf8')).toBe('*.md text\nevidence/*.jsonl merge=union\n');
  });

  it('does not glue a record onto a hand-edited last line without a newline', async () => {
    mkdirSync(join(root, '.reviewgate', 'evidence'), { recursive: true });
    writeFileSync(join(root, '.reviewgate', FILE), JSON.stringify(record('old')));
    await appendRecords(root, '.reviewgate', FILE, [record('new')], lockDir);
    expect(evidence().map((r) => (r as ResolveRecord).text)).toEqual(['old', 'new']);
  });

  it('refuses to write an invalid record, and writes nothing', async () => {
    const bad = { ...record('x'), concern: '' };
    await expect(appendRecords(root, '.reviewgate', FILE, [record('ok'), bad], lockDir)).rejects.toThrow(/refusing to write an invalid resolve/);
    expect(existsSync(join(root, '.reviewgate', FILE))).toBe(false);
  });

  it('loses nothing when many appends run at once in one process', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => appendRecords(root, '.reviewgate', FILE, [record(`r${i}`)], lockDir)));
    const texts = evidence().map((r) => (r as ResolveRecord).text);
    expect(new Set(texts).size).toBe(30);
    expect(leftovers()).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('creates folders and replaces content whole', async () => {
    const path = join(root, 'a', 'b', 'plan.md');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, Buffer.from('two'));
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['plan.md']);
  });
});

describe('the lock', () => {
  const lockPath = (): string => join(lockDir, 'evidence.lock');
  const writeLock = (content: string, ageMs = 0): void => {
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(lockPath(), content);
    const when = new Date(Date.now() - ageMs);
    utimesSync(lockPath(), when, when);
  };

  it('breaks a lock whose process is dead', async () => {
    writeLock(JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), token: 'dead', at: 'then' }));
    const started = Date.now();
    await appendRecords(root, '.reviewgate', FILE, [record('x')], lockDir);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('breaks a lock older than the stale age even if its holder looks alive', async () => {
    writeLock(JSON.stringify({ pid: process.pid, host: 'elsewhere', token: 'old', at: 'then' }), 120_000);
    await appendRecords(root, '.reviewgate', FILE, [record('x')], lockDir);
    expect(evidence()).toHaveLength(1);
  });

  it('breaks an unreadable lock only once it is old', async () => {
    writeLock('garbage');
    await expect(acquireLock(lockPath(), { timeoutMs: 300 })).rejects.toThrow(UserError);
    writeLock('garbage', 120_000);
    const release = await acquireLock(lockPath(), { timeoutMs: 300 });
    await release();
  });

  it('waits for a live holder, then gives up with a user error naming the lock file', async () => {
    const release = await acquireLock(lockPath());
    const error = await acquireLock(lockPath(), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(new RegExp(`locked by process ${process.pid}`));
    expect((error as UserError).fix).toContain(lockPath());
    await release();
    const again = await acquireLock(lockPath(), { timeoutMs: 300 });
    await again();
    expect(readdirSync(lockDir)).toEqual([]);
  });
});

describe('across processes', () => {
  let bundleDir: string;
  let worker: string;
  beforeAll(async () => {
    // Node 20 cannot run TypeScript: bundle the store into a plain module the workers import.
    bundleDir = mkdtempSync(join(tmpdir(), 'reviewgate-store-bundle-'));
    await build({
      entryPoints: [join(import.meta.dirname, '../../src/evidence/store.ts')],
      outfile: join(bundleDir, 'store.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    worker = join(bundleDir, 'worker.mjs');
    writeFileSync(
      worker,
      `import { appendRecords, recordBase } from './store.mjs';
const [root, lockDir, count, tag] = process.argv.slice(2);
const by = { name: 'W', email: 'w@example.com' };
for (let i = 0; Number(count) < 0 || i < Number(count); i++) {
  const r = { ...recordBase(by, 'test'), type: 'resolve', concern: tag, text: tag + ':' + i + ':' + 'x'.repeat(2000) };
  await appendRecords(root, '.reviewgate', 'evidence/main.jsonl', [r], lockDir);
  if (i === 0) process.stdout.write('started\\n');
}
`,
    );
  });
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  const startWorker = (count: number, tag: string) => spawn(process.execPath, [worker, root, lockDir, String(count), tag], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = (child: ReturnType<typeof startWorker>): Promise<number | null> => new Promise((resolve) => child.on('close', (code) => resolve(code)));

  it('keeps all 100 records appended by 4 processes at once', async () => {
    const children = ['a', 'b', 'c', 'd'].map((tag) => startWorker(25, tag));
    expect(await Promise.all(children.map(exited))).toEqual([0, 0, 0, 0]);
    const records = evidence() as ResolveRecord[];
    expect(records).toHaveLength(100);
    expect(new Set(records.map((r) => r.id)).size).toBe(100);
    for (const tag of ['a', 'b', 'c', 'd']) expect(records.filter((r) => r.concern === tag)).toHaveLength(25);
    expect(leftovers()).toEqual([]);
  });

  it('leaves a parsable file and a recoverable lock when a writer is killed mid-append', async () => {
    for (let round = 0; round < 5; round++) {
      const child = startWorker(-1, `k${round}`);
      // Kill it at a different moment of its loop each round.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + round * 17));
      child.kill('SIGKILL');
      await exited(child);
      const before = evidence().length;
      expect(before).toBeGreaterThan(0);
      // The next writer gets the lock (the dead holder's is broken at once) and loses nothing.
      const started = Date.now();
      await appendRecords(root, '.reviewgate', FILE, [record(`after${round}`)], lockDir);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(evidence()).toHaveLength(before + 1);
      expect(leftovers()).toEqual([]);
    }
  });
});
