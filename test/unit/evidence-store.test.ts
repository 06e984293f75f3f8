import { describe, expect, it } from 'vitest';
import { evidenceFileName, newRecordId, recordBase } from '../../src/evidence/store.js';

describe('evidenceFileName', () => {
  it.each([
    ['main', 'evidence/main.jsonl'],
    ['feature/x', 'evidence/feature--x.jsonl'],
    ['refs/heads/fix/a-b', 'evidence/fix--a-b.jsonl'],
    ['release-1.2', 'evidence/release-1.2.jsonl'],
    [null, 'evidence/detached.jsonl'],
    ['', 'evidence/detached.jsonl'],
  ])('%s → %s', (branch, file) => {
    expect(evidenceFileName(branch)).toBe(file);
  });

  it.each([
    ['feature--x', 'feature/x'],
    ['a-/b', 'a/-b'],
    ['feat/ü', 'feat/_'],
    ['Main', 'main'],
    ['a#b', 'a%b'],
    [`x/${'y'.repeat(100)}`, `x/${'y'.repeat(101)}`],
  ])('gives %s and %s different files', (a, b) => {
    expect(evidenceFileName(a)).not.toBe(evidenceFileName(b));
  });

  it.each(['feat/ü', 'a b', 'Fix/Thing', 'con', 'a:b', `long/${'z'.repeat(200)}`])('makes %s a portable file name', (branch) => {
    const name = evidenceFileName(branch);
    expect(name).toMatch(/^evidence\/[a-z0-9._-]+\.jsonl$/i);
    expect(name.length).toBeLessThan(120);
    expect(name).toMatch(/-[0-9a-f]{8}\.jsonl$/);
  });
});

describe('record helpers', () => {
  it('makes 12-hex-digit ids that differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRecordId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('fills the common fields', () => {
    const b = recordBase({ name: 'Ada', email: 'ada@example.com' }, '0.1.0');
    expect(b).toMatchObject({ v: 1, by: { name: 'Ada', email: 'ada@example.com' }, tool: '0.1.0' });
    expect(new Date(b.at).toISOString()).toBe(b.at);
  });
});
