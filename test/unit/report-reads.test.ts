// The pace each reviewed item was read at, in the text, markdown and JSON reports: fastest first,
// so a rubber stamp is the first thing a reader of CI output sees.
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/change/evaluate.js';
import type { ItemRead } from '../../src/gates/reads.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { plainStyle } from '../../src/report/style.js';
import { renderText } from '../../src/report/text.js';

const read = (over: Partial<ItemRead>): ItemRead => ({ file: 'a.ts', line: 1, lines: 10, review: 'r1', by: 'Ann', mode: 'terminal', activeMs: 10_000, linesPerHour: 3600, ...over });
const reads = [read({ line: 1 }), read({ file: 'b.ts', line: 7, lines: 360, activeMs: 100, linesPerHour: 12_960_000 }), read({ file: 'c.ts', mode: 'piped', activeMs: null, linesPerHour: null })];
const report: CheckReport = {
  ok: true,
  target: { kind: 'staged', base: 'abc', head: null },
  gates: [{ id: 'review', ok: true, required: true, summary: '380/380 changed lines reviewed', findings: [], reads }],
  notes: [],
  skipped: null,
};

describe('read-at pace in reports', () => {
  it('text: under the review gate, fastest first', () => {
    const text = renderText(report, plainStyle);
    expect(text).toContain('read at (fastest first):\n      c.ts:1  answered from piped input by Ann (no pace)\n      b.ts:7  360 lines in 0.1 s (12960000 lines/hour) by Ann\n      a.ts:1  10 lines in 10.0 s (3600 lines/hour) by Ann\n');
  });

  it('markdown: a table, fastest first', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('### Read at (fastest first)');
    expect(md.indexOf('b.ts:7')).toBeLessThan(md.indexOf('a.ts:1'));
    expect(md).toContain('| b.ts:7 | 360 lines in 0.1 s (12960000 lines/hour) by Ann |');
  });

  it('json: every read on the review gate, in change order', () => {
    const json = JSON.parse(renderJson(report)) as { gates: { id: string; reads?: ItemRead[] }[] };
    expect(json.gates.find((g) => g.id === 'review')?.reads).toEqual(reads);
  });
});
