import { describe, expect, it } from 'vitest';
import { planFileName, planTemplate, sectionHint } from '../../src/plan/template.js';
import { renderPlan } from '../../src/plan/render.js';
import { parsePlan, type PlanFrontMatter } from '../../src/plan/parse.js';

const FM: PlanFrontMatter = {
  title: 'Price rounding fix',
  branch: 'feature/price',
  recorded_at: '2026-11-26T14:00:00.000Z',
  status: 'active',
  change_at_record: { files: 2, lines: 37 },
};

describe('planTemplate', () => {
  it('writes each heading with a one-line hint comment', () => {
    expect(planTemplate(['Goal', 'Risks'])).toBe(
      '## Goal\n<!-- What should be true when this change is done? -->\n\n## Risks\n<!-- ' + sectionHint('Risks') + ' -->\n',
    );
  });

  it('gives an unknown section a generic hint that cannot close the comment early', () => {
    expect(sectionHint('Roll--out')).not.toContain('--');
  });

  it('produces sections that do not count as content until someone writes in them', async () => {
    const sections = ['Goal', 'Approach', 'Risks', 'Test checklist', 'Open questions', 'Rollout'];
    const plan = await parsePlan(renderPlan(FM, planTemplate(sections)), 'p.md');
    expect(plan.sections.map((s) => [s.name, s.hasContent])).toEqual(sections.map((s) => [s, false]));
    expect(plan.checklist).toEqual([]);
    expect(plan.openQuestions).toEqual([]);
  });
});

describe('renderPlan', () => {
  it('writes the front matter in a fixed order with the counts on one line', () => {
    expect(renderPlan(FM, '## Goal\nx\n')).toBe(
      '---\ntitle: Price rounding fix\nbranch: feature/price\nrecorded_at: 2026-11-26T14:00:00.000Z\nstatus: active\n' +
        'change_at_record: { files: 2, lines: 37 }\n---\n\n## Goal\nx\n',
    );
  });

  it.each([
    ['a title that looks like YAML', { ...FM, title: 'fix: [x] #3 — "quotes" & --- yes' }],
    ['a detached plan', { ...FM, branch: null, status: 'done' as const }],
    ['a branch that looks like a number', { ...FM, branch: '1.0' }],
  ])('round-trips %s through parsePlan', async (_case, fm) => {
    const plan = await parsePlan(renderPlan(fm, 'body'), 'p.md');
    expect(plan.frontMatter).toEqual(fm);
  });
});

describe('planFileName', () => {
  it.each([
    ['main', 'plans/main.md'],
    ['feature/x', 'plans/feature--x.md'],
    ['user/a/b', 'plans/user--a--b.md'],
    [null, 'plans/detached.md'],
    ['', 'plans/detached.md'],
    ['fix:bug?', 'plans/fix-bug-.md'],
    ['..hidden', 'plans/hidden.md'],
  ])('%j → %j', (branch, name) => expect(planFileName(branch)).toBe(name));
});
