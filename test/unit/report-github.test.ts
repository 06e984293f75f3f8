import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/change/evaluate.js';
import type { Finding } from '../../src/gates/types.js';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../../src/report/github.js';
import { renderMarkdown, SUMMARY_LIMIT } from '../../src/report/markdown.js';

function report(findings: Finding[]): CheckReport {
  return {
    ok: false,
    target: { kind: 'range', base: 'a', head: 'b' },
    gates: [{ id: 'review', ok: false, required: true, summary: '0/1 | lines', findings }],
    notes: [],
    skipped: null,
  };
}

const finding = (over: Partial<Finding> = {}): Finding => ({ code: 'review.unreviewed', severity: 'error', message: 'not reviewed', ...over });

describe('github workflow command escaping', () => {
  it.each([
    ['100%', '100%25'],
    ['a\nb', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c'],
    ['%0A', '%250A'],
  ])('data %j → %j', (input, out) => expect(escapeData(input)).toBe(out));

  it.each([
    ['src/a:b,c.ts', 'src/a%3Ab%2Cc.ts'],
    ['50%\n', '50%25%0A'],
  ])('property %j → %j', (input, out) => expect(escapeProperty(input)).toBe(out));

  it('escapes file, title and message, writes out a newline of the message, and puts the fix on its own line', () => {
    const out = renderGithubAnnotations(report([finding({ file: 'a,b:c.ts', line: 3, message: '50% done\nreally', fix: 'reviewgate review' })]));
    expect(out).toBe('::error file=a%2Cb%3Ac.ts,line=3,title=reviewgate review (review.unreviewed)::50%25 done^Jreally%0Afix: reviewgate review\n');
  });

  it('names a path holding a control character in the message instead of as the file property', () => {
    const out = renderGithubAnnotations(report([finding({ file: 'a\x1b[2J.ts', line: 3, message: 'not reviewed' })]));
    expect(out).toBe('::error title=reviewgate review (review.unreviewed)::a^[[2J.ts:3: not reviewed\n');
  });

  it('leaves out file and line when the finding has no file', () => {
    expect(renderGithubAnnotations(report([finding({ severity: 'warning', line: 4 })]))).toBe(
      '::warning title=reviewgate review (review.unreviewed)::not reviewed\n',
    );
  });

  it('annotates at most 10 per severity and counts the rest in a notice', () => {
    const many = [...Array.from({ length: 13 }, (_, i) => finding({ file: `f${i}.ts` })), ...Array.from({ length: 11 }, () => finding({ severity: 'warning' }))];
    const lines = renderGithubAnnotations(report(many)).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(10);
    expect(lines.at(-1)).toBe('::notice title=reviewgate::3 more errors and 1 more warning not annotated: see the job summary or the log');
  });

  it('prints nothing when there is nothing to annotate', () => {
    expect(renderGithubAnnotations({ ...report([]), ok: true })).toBe('');
  });
});

describe('the markdown summary', () => {
  it('has a table of the gates and the findings with file:line and fix', () => {
    const md = renderMarkdown(report([finding({ file: 'src/a.ts', line: 2, fix: 'reviewgate review' })]));
    expect(md).toContain('| gate | status | summary |');
    expect(md).toContain('| review | ❌ failed | 0/1 \\| lines |');
    expect(md).toContain('- ❌ `src/a.ts:2` not reviewed — fix: `reviewgate review`');
  });

  it('stays under 1 MiB, saying it was truncated', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => finding({ file: `src/${'x'.repeat(60)}${i}.ts`, line: i, fix: 'reviewgate review --range a..b' }));
    const md = renderMarkdown(report(many));
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(md)).toBeGreaterThan(SUMMARY_LIMIT - 1000);
    expect(md).toMatch(/summary truncated: \d+ more lines/);
  });
});
