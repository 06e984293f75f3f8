import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { evaluatePlan } from '../../src/gates/plan.js';
import { parsePlan } from '../../src/plan/parse.js';
import { renderPlan } from '../../src/plan/render.js';

const BODY = '## Goal\ng\n## Approach\na\n## Risks\nr\n## Test checklist\n- [ ] t\n## Open questions\n- [x] which rounding?\n  Half up, agreed with finance.\n';
const plan = (scope?: string[]) => parsePlan(renderPlan({ title: 't', branch: 'main', recorded_at: '2026-11-26T10:00:00.000Z', status: 'active', change_at_record: { files: 0, lines: 0 }, ...(scope ? { scope } : {}) }, BODY), 'p.md');
const config = (scope: 'warn' | 'fail' | 'off') => configSchema.parse({ plan: { scope } });
const judge = async (mode: 'warn' | 'fail' | 'off', scope?: string[]) =>
  evaluatePlan({ plan: await plan(scope), planPath: 'p.md', config: config(mode), changedLines: 0, changedFiles: 2, changedPaths: ['src/cart/price.ts', 'docs/x.md'] });

describe('plan scope', () => {
  it.each([
    ['warn', 'warning'],
    ['fail', 'error'],
  ] as const)('scope: %s draws a %s naming the files outside it', async (mode, severity) => {
    const result = await judge(mode, ['src/**']);
    expect(result.findings).toEqual([expect.objectContaining({ code: 'plan.scope', severity, message: expect.stringContaining('docs/x.md') })]);
    expect(result.findings[0]!.message).not.toContain('price.ts');
  });
  it('draws nothing with scope: off, without a scope, or when every file is inside', async () => {
    expect((await judge('off', ['src/**'])).findings).toEqual([]);
    expect((await judge('fail')).findings).toEqual([]);
    expect((await judge('fail', ['src/**', 'docs/**'])).findings).toEqual([]);
  });
  it('keeps the answer written under an answered open question when the plan is re-recorded', async () => {
    const first = await plan(['src/**']);
    const again = await parsePlan(renderPlan({ ...first.frontMatter, recorded_at: '2026-11-27T10:00:00.000Z' }, BODY), 'p.md');
    expect(again.sections.find((s) => s.key === 'open questions')?.body).toContain('Half up, agreed with finance.');
    expect(again.openQuestions).toEqual([expect.objectContaining({ answered: true })]);
  });
});
