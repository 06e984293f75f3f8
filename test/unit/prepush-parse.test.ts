import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/change/evaluate.js';
import { combineReports, isZeroOid, parsePushLines, refLabel } from '../../src/change/prepush.js';
import { UserError } from '../../src/errors.js';

const A = 'a'.repeat(40);
const Z40 = '0'.repeat(40);
const Z64 = '0'.repeat(64);

describe('pre-push input', () => {
  it('reads one line per ref, ignoring blank lines', () => {
    expect(parsePushLines(`refs/heads/main ${A} refs/heads/main ${Z40}\n\nHEAD~1:x ${'b'.repeat(64)} refs/heads/x ${Z64}\n`)).toEqual([
      { localRef: 'refs/heads/main', localOid: A, remoteRef: 'refs/heads/main', remoteOid: Z40 },
      { localRef: 'HEAD~1:x', localOid: 'b'.repeat(64), remoteRef: 'refs/heads/x', remoteOid: Z64 },
    ]);
  });

  it('reads empty input as nothing to judge', () => expect(parsePushLines('')).toEqual([]));

  it.each([`refs/heads/main ${A} refs/heads/main`, `refs/heads/main xyz refs/heads/main ${Z40}`, `a ${A} b ${'1'.repeat(39)}`])(
    'refuses the malformed line %j',
    (line) => expect(() => parsePushLines(line)).toThrow(UserError),
  );

  it.each([
    [Z40, true],
    [Z64, true],
    ['0'.repeat(39), false],
    [A, false],
  ])('isZeroOid(%s) = %s', (oid, zero) => expect(isZeroOid(oid)).toBe(zero));

  it.each([
    ['refs/heads/feature/x', 'feature/x'],
    ['refs/tags/v1', 'tag v1'],
    ['refs/notes/commits', 'refs/notes/commits'],
  ])('labels %s as %s', (ref, label) => expect(refLabel(ref)).toBe(label));
});

const part = (ok: boolean, skipped: CheckReport['skipped'] = null): CheckReport => ({
  ok,
  target: { kind: 'range', base: 'b', head: 'h' },
  gates: skipped ? [] : [{ id: 'review', ok, required: true, summary: ok ? 'all reviewed' : '0/1', findings: ok ? [] : [{ code: 'review.unreviewed', severity: 'error', message: 'not reviewed' }] }],
  notes: [],
  skipped,
});

describe('combining the reports of several refs', () => {
  it('fails when one ref fails, naming the ref in its findings and the summary', () => {
    const r = combineReports([{ ref: 'refs/heads/a', report: part(true) }, { ref: 'refs/heads/b', report: part(false) }], []);
    expect(r.ok).toBe(false);
    expect(r.gates[0]?.findings.map((f) => f.message)).toEqual(['[b] not reviewed']);
    expect(r.gates[0]?.summary).toBe('a: all reviewed; b: 0/1');
    expect(r.notes[0]).toBe('judged 2 refs: a, b');
  });

  it('keeps a single ref report as it is', () => {
    const r = combineReports([{ ref: 'refs/heads/a', report: part(false) }], []);
    expect(r.gates[0]?.findings[0]?.message).toBe('not reviewed');
    expect(r.target).toEqual({ kind: 'range', base: 'b', head: 'h' });
  });

  it('passes with nothing to judge', () => {
    const r = combineReports([], ['refs/heads/x: deleted on the remote, nothing to judge']);
    expect(r).toMatchObject({ ok: true, skipped: 'no-commits', gates: [] });
  });
});
