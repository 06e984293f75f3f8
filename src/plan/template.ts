// What a new plan looks like before anyone writes in it, and where it lives. Kept free of the
// YAML library so `check` can locate a plan without loading it.
import { sectionKey } from './parse.js';

// One line under each heading. They are HTML comments so that a section holding only its hint
// counts as empty (parse.ts strips comments before judging content).
const HINTS: Readonly<Record<string, string>> = {
  goal: 'What should be true when this change is done?',
  approach: 'How will you get there? Which modules change, and in what order?',
  risks: 'What could break? Edge cases, races, wrong assumptions, data that already exists.',
  'test checklist': 'One "- [ ] item" per test this change needs; waive one with "- [~] item — reason".',
  'open questions': 'One "- [ ] question" each; mark it "- [x]" once answered. Open questions block the gate.',
};

export function sectionHint(name: string): string {
  // "--" would end the comment early; a section name is user text.
  return HINTS[sectionKey(name)] ?? `What belongs under "${name.replace(/-{2,}/g, '-')}" for this change?`;
}

export function planTemplate(sections: readonly string[]): string {
  return sections.map((s) => `## ${s}\n<!-- ${sectionHint(s)} -->\n`).join('\n');
}

/**
 * `plans/<safe>.md`, relative to the evidence folder. `/` becomes `--` so branch folders do not
 * become directories; anything a file system may reject becomes `-`. A detached HEAD has no
 * branch, so its plan is `plans/detached.md`.
 */
export function planFileName(branch: string | null): string {
  const safe = (branch ?? '')
    .replace(/\//g, '--')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\\:*?"<>|\s]/g, '-')
    .replace(/^\.+/, '');
  return `plans/${safe === '' ? 'detached' : safe}.md`;
}
