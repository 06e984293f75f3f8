import { describe, expect, it } from 'vitest';
import { isUntouched, missingSections, splitDraft } from '../../src/plan/draft.js';
import { parsePlan } from '../../src/plan/parse.js';
import { renderPlan } from '../../src/plan/render.js';
import { planTemplate } from '../../src/plan/template.js';

const SECTIONS = ['Goal', 'Approach', 'Risks', 'Test checklist'];
const front = { title: 't', branch: 'main', recorded_at: '2026-11-26T10:00:00.000Z', status: 'active' as const, change_at_record: { files: 0, lines: 0 } };
const parse = (body: string) => parsePlan(renderPlan(front, body), 'p.md');

describe('a plan draft', () => {
  it('keeps scope: from pasted front matter and drops the rest', () => {
    expect(splitDraft('---\ntitle: mine\nscope: ["src/cart/**", test/**]\n---\n## Goal\nx\n')).toEqual({ body: '## Goal\nx\n', scope: ['src/cart/**', 'test/**'] });
    expect(splitDraft('---\nscope: src/**\n---\nbody').scope).toEqual(['src/**']);
    expect(splitDraft('## Goal\n')).toEqual({ body: '## Goal\n' });
  });
  it('refuses a scope that is not a list of globs', () => {
    expect(() => splitDraft('---\nscope: [1, ""]\n---\n')).toThrow(/list of globs/);
  });
  it('recognises the untouched template, also with whitespace changes', () => {
    expect(isUntouched(planTemplate(SECTIONS), SECTIONS)).toBe(true);
    expect(isUntouched(`\n\n${planTemplate(SECTIONS).replace(/\n/g, '\n\n')}  `, SECTIONS)).toBe(true);
    expect(isUntouched('', SECTIONS)).toBe(true);
    expect(isUntouched(`${planTemplate(SECTIONS)}\nsomething`, SECTIONS)).toBe(false);
  });
  it('lists the sections still missing; the template hints do not count as content', async () => {
    const plan = await parse(planTemplate(SECTIONS).replace('## Goal\n', '## Goal\nRound half up.\n'));
    expect(missingSections(plan.sections, SECTIONS)).toEqual(['Approach', 'Risks', 'Test checklist']);
  });
  it('counts content in either copy of a duplicated section', async () => {
    const plan = await parse('## Goal\n\n## Approach\nA\n## Goal\nG\n## Risks\nR\n## Test checklist\n- [ ] t\n');
    expect(missingSections(plan.sections, SECTIONS)).toEqual([]);
  });
  it('writes scope into the front matter and reads it back', async () => {
    const plan = await parsePlan(renderPlan({ ...front, scope: ['src/**'] }, '## Goal\nx\n'), 'p.md');
    expect(plan.frontMatter.scope).toEqual(['src/**']);
    expect((await parse('## Goal\nx\n')).frontMatter.scope).toBeUndefined();
  });
});
