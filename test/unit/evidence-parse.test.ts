import { describe, expect, it } from 'vitest';
import { EvidenceError, parseEvidence } from '../../src/evidence/parse.js';
import { UserError } from '../../src/errors.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';

const FILE = '.reviewgate/evidence/main.jsonl';
const base = { v: 1, at: '2025-01-02T03:04:05.678Z', by: { name: 'Ada', email: 'ada@example.com' }, tool: '0.1.0' } as const;
const review: EvidenceRecord = { ...base, id: 'a1', type: 'review', mode: 'piped', keys: ['k1', 'k2'], durationMs: 1200, lines: 4 };
const concern: EvidenceRecord = { ...base, id: 'c1', type: 'concern', keys: ['k1'], path: 'src/a.ts', line: 3, text: 'race?' };
const note: EvidenceRecord = { ...base, id: 'n1', type: 'note', keys: ['k2'], path: 'bin', line: null, text: 'ok' };
const resolve: EvidenceRecord = { ...base, id: 'r1', type: 'resolve', concern: 'c1', text: 'locked' };
const run: EvidenceRecord = {
  ...base,
  id: 'u1',
  type: 'run',
  tree: 'f'.repeat(40),
  command: 'npm test',
  exitCode: 0,
  signal: null,
  durationMs: 3000,
  void: false,
  changed: [],
  node: 'v20.12.0',
  platform: 'linux',
};
const lines = (...records: unknown[]): string => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

describe('parseEvidence', () => {
  it('reads every record type, in order', () => {
    expect(parseEvidence(`${lines(review, concern, note, resolve, run)}\n`, FILE)).toEqual([review, concern, note, resolve, run]);
  });

  it('allows blank lines, CRLF line ends, a missing final newline and an empty file', () => {
    expect(parseEvidence(`\n${JSON.stringify(review)}\r\n\n  \n${JSON.stringify(run)}`, FILE)).toEqual([review, run]);
    expect(parseEvidence('', FILE)).toEqual([]);
  });

  it('keeps duplicates (a union merge may repeat a line; evidence is a set, callers dedupe by id)', () => {
    expect(parseEvidence(lines(review, review), FILE)).toHaveLength(2);
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"v":1,', /^\S+:3: not valid JSON/],
    ['a truncated record', JSON.stringify(review).slice(0, 30), /:3: not valid JSON/],
    ['a foreign line', 'hello world', /:3: not valid JSON/],
    ['a JSON array', '[1,2]', /:3: not a JSON object/],
    ['a JSON number', '42', /:3: not a JSON object/],
    ['an unknown type', JSON.stringify({ ...review, type: 'approve' }), /:3: unknown record type "approve"$/],
    ['a missing type', JSON.stringify({ ...base, id: 'x' }), /:3: unknown record type undefined$/],
    ['a newer version', JSON.stringify({ ...review, v: 2 }), /:3: unsupported record version 2 \(this reviewgate reads v1\)$/],
    ['no version', JSON.stringify({ ...review, v: undefined }), /:3: unsupported record version undefined/],
    ['a missing field', JSON.stringify({ ...run, tree: undefined }), /:3: invalid run record: missing field tree$/],
    ['a wrong field type', JSON.stringify({ ...review, lines: '4' }), /:3: invalid review record: invalid lines \(expected number\)$/],
    ['an unknown field', JSON.stringify({ ...resolve, approved: true }), /:3: invalid resolve record: unknown field approved$/],
    ['a bad person', JSON.stringify({ ...note, by: { name: 'x' } }), /:3: invalid note record: invalid by.email/],
    ['a bad time', JSON.stringify({ ...review, at: 'yesterday' }), /:3: invalid review record: invalid at$/],
    ['a bad mode', JSON.stringify({ ...review, mode: 'ai' }), /:3: invalid review record: invalid mode$/],
    ['a merge conflict marker', '<<<<<<< HEAD', /:3: a merge conflict marker, not a record$/],
  ];
  it.each(bad)('rejects %s with an error naming file:3', (_name, line, message) => {
    const text = lines(review, '', line, run);
    let error: unknown;
    try {
      parseEvidence(text, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvidenceError);
    expect(error).toBeInstanceOf(UserError);
    const e = error as EvidenceError;
    expect(e.message.startsWith(`${FILE}:3: `)).toBe(true);
    expect(e.message).toMatch(message);
    expect(e.file).toBe(FILE);
    expect(e.line).toBe(3);
    expect(e.fix).toBeTruthy();
  });

  it('tells how to restore the file', () => {
    expect(() => parseEvidence('nope', FILE)).toThrow(
      expect.objectContaining({ fix: expect.stringContaining(`git checkout -- ${FILE}`) as unknown }),
    );
  });

  it('reports the first bad line when several are bad', () => {
    expect(() => parseEvidence(lines(review, 'x', 'y'), FILE)).toThrow(`${FILE}:2:`);
  });
});

describe('keys recorded in the long form (key v1)', () => {
  it('are read as marked short keys', async () => {
    const { parseEvidence } = await import('../../src/evidence/parse.js');
    const { normalizeKey } = await import('../../src/diff/keys.js');
    const long = 'ab'.repeat(32);
    const [r] = parseEvidence(`{"v":1,"type":"review","id":"a1","at":"2026-01-01T00:00:00.000Z","by":{"name":"a","email":"a@b"},"tool":"0","mode":"piped","keys":["${long}"],"durationMs":0,"lines":1,"items":[{"keys":["${long}"],"lines":1,"activeMs":0}]}\n`, 'e.jsonl');
    expect(r?.type === 'review' && r.keys).toEqual([normalizeKey(long)]);
    expect(normalizeKey(long)).toMatch(/^1~[A-Za-z0-9_-]{22}$/);
  });
});
