// The plan's `## Manual checks` (the name is `plan.manual_checks`): what a person does by hand to
// see the change work — click through the UI, hit the endpoint, watch the logs. Each item is asked
// by `reviewgate run` on a terminal and recorded with the content fingerprint; `- [~] item — reason`
// waives one, as in the test checklist. A `[x]` in the plan is not a record: only the answer at
// `run` counts. Pure.
import { sectionKey, type ChecklistItem, type Plan } from './parse.js';

const ITEM = /^\s*[-*+]\s+\[([ xX~])\]\s*(.*?)\s*$/;
// As in the test checklist: a reason follows an em or en dash, or a spaced '--' or '-'.
const WAIVER_SEPARATOR = /\s*[—–]\s*|\s+--?\s+/;

export function manualChecks(plan: Plan, sectionName: string): ChecklistItem[] {
  const key = sectionKey(sectionName);
  const out: ChecklistItem[] = [];
  for (const section of plan.sections) {
    if (section.key !== key) continue;
    section.body.split('\n').forEach((text, i) => {
      const m = ITEM.exec(text);
      if (!m?.[1] || !m[2]) return;
      const line = section.line + 1 + i;
      if (m[1] !== '~') {
        out.push({ file: plan.file, line, text: m[2], state: 'open', reason: null });
        return;
      }
      const sep = WAIVER_SEPARATOR.exec(m[2]);
      const reason = sep && sep.index > 0 ? m[2].slice(sep.index + sep[0].length).trim() : '';
      out.push({ file: plan.file, line, text: sep && sep.index > 0 ? m[2].slice(0, sep.index).trim() : m[2], state: 'waived', reason: reason === '' ? null : reason });
    });
  }
  return out;
}

/** The run record's command string for a manual check. */
export const manualCommand = (item: Pick<ChecklistItem, 'text'>): string => `manual: ${item.text}`;
