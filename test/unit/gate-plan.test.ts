import { describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../src/config/schema.js';
import { evaluatePlan, type PlanGateInput } from '../../src/gates/plan.js';
import { parsePlan } from '../../src/plan/parse.js';

const PATH = '.reviewgate/plans/feature--price.md';

function config(plan: Record<string, unknown> = {}): Config {
  return configSchema.parse({ plan });
}

async function plan(body: string, extra = 'status: active\nchange_at_record: { files: 2, lines: 10 }') {
  return parsePlan(`---\ntitle: t\nbranch: feature/price\nrecorded_at: 2026-11-26T14:00:00.000Z\n${extra}\n---\n${body}`, PATH);
}

// Front matter takes lines 1-7, so the body starts on line 8.
const FULL = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] rounds\n';

function input(over: Partial<PlanGateInput>): PlanGateInput {
  return { plan: null, planPath: PATH, config: config(), changedLines: 40, changedFiles: 2, ...over };
}

describe('evaluatePlan', () => {
  it('fails without a plan and says to record one', () => {
    const r = evaluatePlan(input({}));
    expect(r).toMatchObject({ id: 'plan', ok: false, required: true, summary: 'no plan' });
    expect(r.findings).toEqual([{ code: 'plan.missing', severity: 'error', message: 'no plan recorded for this change', file: PATH, fix: 'reviewgate plan' }]);
  });

  it('passes a complete plan', async () => {
    const r = evaluatePlan(input({ plan: await plan(FULL) }));
    expect(r).toMatchObject({ ok: true, summary: 'plan recorded: 4/4 sections', findings: [] });
  });

  it('still counts a plan marked done', async () => {
    const r = evaluatePlan(input({ plan: await plan(FULL, 'status: done\nchange_at_record: { files: 0, lines: 0 }') }));
    expect(r.ok).toBe(true);
    expect(r.summary).toBe('plan recorded: 4/4 sections, marked done');
  });

  it('reports each missing and each empty section, naming it, with the heading line when present', async () => {
    const r = evaluatePlan(input({ plan: await plan('## Goal\ng\n## Risks\n<!-- hint -->\n') }));
    expect(r.ok).toBe(false);
    expect(r.summary).toBe('plan recorded: 1/4 sections');
    expect(r.findings.map((f) => [f.code, f.message, f.line])).toEqual([
      ['plan.section_missing', 'the plan has no "Approach" section', undefined],
      ['plan.section_empty', `the plan's "Risks" section is empty`, 10],
      ['plan.section_missing', 'the plan has no "Test checklist" section', undefined],
    ]);
    expect(r.findings.every((f) => f.file === PATH && f.fix)).toBe(true);
  });

  it('matches configured sections case-insensitively', async () => {
    const r = evaluatePlan(input({ plan: await plan('## goal\ng\n## APPROACH\na\n## Risks:\nr\n## test checklist\nt\n') }));
    expect(r.ok).toBe(true);
  });

  it('follows the configured section list', async () => {
    const r = evaluatePlan(input({ plan: await plan('## Why\nw\n'), config: config({ sections: ['Why'] }) }));
    expect(r).toMatchObject({ ok: true, summary: 'plan recorded: 1/1 sections' });
  });

  it('fails on each unanswered open question, with its line', async () => {
    const r = evaluatePlan(input({ plan: await plan(`${FULL}## Open questions\n- [ ] does the API accept 0?\n- [x] per line?\n- [ ] who owns it?\n`) }));
    expect(r.ok).toBe(false);
    expect(r.summary).toBe('plan recorded: 4/4 sections, 2 open questions');
    expect(r.findings.map((f) => [f.code, f.line, f.message])).toEqual([
      ['plan.open_question', 17, 'open question: does the API accept 0?'],
      ['plan.open_question', 19, 'open question: who owns it?'],
    ]);
  });

  it('warns about a duplicated section without failing, and uses content from either copy', async () => {
    const r = evaluatePlan(input({ plan: await plan(`## Goal\n\n${FULL}`) }));
    expect(r.ok).toBe(true);
    expect(r.findings).toMatchObject([{ code: 'plan.section_duplicate', severity: 'warning', line: 10 }]);
  });

  it('ignores duplicated headings that are not configured sections', async () => {
    const r = evaluatePlan(input({ plan: await plan(`${FULL}## Notes\na\n## Notes\nb\n`) }));
    expect(r.findings).toEqual([]);
  });

  it.each([
    // [before_code, lines when recorded, changed lines now, expected severity or null]
    ['warn', 21, 40, 'warning'],
    ['warn', 20, 40, null],
    ['fail', 21, 40, 'error'],
    ['off', 40, 40, null],
    ['warn', 5, 0, null],
    ['fail', 0, 40, null],
  ] as const)('before_code %s: %i lines at record of %i now → %s', async (mode, atRecord, now, severity) => {
    const p = await plan(FULL, `change_at_record: { files: 1, lines: ${atRecord} }`);
    const r = evaluatePlan(input({ plan: p, config: config({ before_code: mode }), changedLines: now }));
    const late = r.findings.filter((f) => f.code === 'plan.after_code');
    expect(late.map((f) => f.severity)).toEqual(severity ? [severity] : []);
    expect(r.ok).toBe(severity !== 'error');
    if (severity) expect(late[0]?.fix).toContain('reviewgate plan');
  });

  it('reports but does not require when plan.required is false', () => {
    const r = evaluatePlan(input({ config: config({ required: false }) }));
    expect(r).toMatchObject({ ok: false, required: false });
  });
});
