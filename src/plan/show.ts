// `plan --show`: the plan as the gates see it — sections complete or missing, each checklist item
// and the test that matches it, open questions, files outside the scope, and whether the plan
// came before the code. Pure: the command gathers the facts and prints these lines.
import type { Style } from '../report/style.js';
import { visible } from '../report/visible.js';
import { sectionKey, type Plan } from './parse.js';

export interface ShowFacts {
  readonly plan: Plan;
  readonly path: string;
  readonly sections: readonly string[];
  /** For each checklist item: the matching test ("file:line title"), or null. */
  readonly tests: ReadonlyMap<number, string | null>;
  readonly outOfScope: readonly string[];
  readonly changedLines: number;
}

export function showPlan(f: ShowFacts, s: Style): string[] {
  // The plan is a file of the change: its text is written out visibly (report/visible.ts).
  const ok = (yes: boolean, text: string) => `${yes ? s.green('✓') : s.red('✗')} ${visible(text)}`;
  const { plan } = f;
  const fm = plan.frontMatter;
  const out = [s.bold(visible(fm.title)) + s.dim(`  ${f.path} · ${fm.status} · recorded ${fm.recorded_at}`), '', s.bold('Sections')];
  for (const name of f.sections) {
    const found = plan.sections.filter((x) => x.key === sectionKey(name));
    const full = found.some((x) => x.hasContent);
    out.push(`  ${ok(full, name)}${found.length === 0 ? s.dim(' (missing)') : full ? '' : s.dim(' (empty)')}${found.length > 1 ? s.yellow(` (appears ${found.length} times)`) : ''}`);
  }
  if (plan.checklist.length > 0) {
    out.push('', s.bold('Test checklist'));
    for (const item of plan.checklist) {
      if (item.state === 'waived') {
        out.push(`  ${s.yellow('~')} ${visible(item.text)} ${s.dim(`— waived: ${visible(item.reason ?? 'no reason given')}`)}`);
        continue;
      }
      const test = f.tests.get(item.line) ?? null;
      out.push(`  ${ok(test !== null, item.text)} ${s.dim(test ? `→ ${visible(test)}` : '→ no matching test yet')}`);
    }
  }
  if (plan.openQuestions.length > 0) {
    out.push('', s.bold('Open questions'));
    for (const q of plan.openQuestions) out.push(`  ${ok(q.answered, q.text)}${q.answered ? '' : s.dim(` (open: mark it - [x] at line ${q.line})`)}`);
  }
  out.push('', s.bold('Scope'));
  if (!fm.scope || fm.scope.length === 0) out.push(s.dim('  no scope: given (add `scope: [globs]` to the front matter to be told about drift)'));
  else {
    out.push(`  ${visible(fm.scope.join(', '))}`);
    out.push(f.outOfScope.length === 0 ? `  ${ok(true, 'every changed file is inside the scope')}` : `  ${ok(false, `outside the scope: ${f.outOfScope.join(', ')}`)}`);
  }
  const existed = fm.change_at_record.lines;
  out.push('', s.bold('Before the code'));
  const before = f.changedLines <= 0 || existed * 2 <= f.changedLines;
  out.push(`  ${ok(before, before ? `recorded when ${existed} of today's ${f.changedLines} changed lines existed` : `recorded after the code: ${existed} of ${f.changedLines} changed lines already existed`)}`);
  return out;
}
