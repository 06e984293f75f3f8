// AI flags in the review gate, judged from evidence alone (ai.acknowledge).
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { flagFindings } from '../../src/gates/flags.js';

const base = { v: 1 as const, at: '2026-01-01T00:00:00Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: '0.1.0' };
const flag = (id: string, keys: string[]): EvidenceRecord => ({ ...base, id, type: 'flag', keys, path: 'src/cart.ts', line: 2, endLine: 3, category: 'edge-case', text: 'empty cart', model: 'claude-sonnet-5-5' });
const answer = (flagId: string): EvidenceRecord => ({ ...base, id: `a-${flagId}`, type: 'answer', flag: flagId, verdict: 'accepted-risk', text: 'known' });
const change = new Set(['k1', 'k2', 'k3']);

describe('flagFindings', () => {
  it.each([
    ['required: an unanswered flag is an error', 'required', [flag('f1', ['k1', 'k2'])], ['error']],
    ['warn: a warning', 'warn', [flag('f1', ['k1', 'k2'])], ['warning']],
    ['off: nothing', 'off', [flag('f1', ['k1', 'k2'])], []],
    ['an answered flag: nothing', 'required', [flag('f1', ['k1', 'k2']), answer('f1')], []],
    ['a flag whose line changed (a key left the change): nothing', 'required', [flag('f1', ['k1', 'gone'])], []],
    ['an answer to another flag does not count', 'required', [flag('f1', ['k1']), answer('f2')], ['error']],
  ] as const)('%s', (_name, mode, records, severities) => {
    expect(flagFindings(records, change, mode).map((f) => f.severity)).toEqual(severities);
  });
  it('names the flag id and the command that answers it', () => {
    const [f] = flagFindings([flag('f1', ['k1'])], change, 'required');
    expect(f).toMatchObject({ code: 'review.flag', file: 'src/cart.ts', line: 2, fix: 'reviewgate review --answer f1 addressed|not-a-problem|accepted-risk "<note>"' });
  });
});
