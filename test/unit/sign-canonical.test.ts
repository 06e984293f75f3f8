import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { canonicalJson, namespaceFor, recordHash } from '../../src/sign/canonical.js';

describe('canonical record encoding', () => {
  it('sorts keys at every level and drops nothing else', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'x' }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":"x","z":1}]},"b":1}');
  });
  it('gives the same hash whatever the key order, and another for one changed byte', () => {
    const a = { v: 1, type: 'resolve', id: 'x', at: '2026-01-01T00:00:00.000Z', by: { name: 'A', email: 'a@x' }, tool: '1', concern: 'c', text: 't' } as EvidenceRecord;
    const b = JSON.parse('{"text":"t","concern":"c","tool":"1","by":{"email":"a@x","name":"A"},"at":"2026-01-01T00:00:00.000Z","id":"x","type":"resolve","v":1}') as EvidenceRecord;
    expect(recordHash(a)).toBe(recordHash(b));
    expect(recordHash({ ...a, text: 'u' } as EvidenceRecord)).not.toBe(recordHash(a));
  });
  it.each([
    ['review', 'reviewgate-review'],
    ['note', 'reviewgate-review'],
    ['concern', 'reviewgate-review'],
    ['resolve', 'reviewgate-review'],
    ['run', 'reviewgate-run'],
  ] as const)('signs %s records in %s', (type, ns) => expect(namespaceFor(type)).toBe(ns));
});
