// Adding open questions to a plan's text: `- [ ] <question>` items under "## Open questions"
// (the section is created at the end when missing). Each one blocks the plan gate until it is
// answered and marked "- [x]". Pure.
import { QUESTIONS_SECTION, sectionKey } from './parse.js';

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

export function addOpenQuestions(text: string, questions: readonly string[]): string {
  if (questions.length === 0) return text;
  const items = questions.map((q) => `- [ ] ${q.replace(/\s+/g, ' ').trim()}`);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => {
    const m = HEADING.exec(l);
    return m?.[1] !== undefined && m[1].length <= 2 && sectionKey(m[2] ?? '') === sectionKey(QUESTIONS_SECTION);
  });
  if (at < 0) {
    const trimmed = text.replace(/\s*$/, '');
    return `${trimmed}\n\n## ${QUESTIONS_SECTION}\n${items.join('\n')}\n`;
  }
  // The section ends at the next heading of level 1 or 2; the items go after its last non-blank line.
  let end = lines.length;
  for (let i = at + 1; i < lines.length; i++) {
    const m = HEADING.exec(lines[i] ?? '');
    if (m?.[1] !== undefined && m[1].length <= 2) {
      end = i;
      break;
    }
  }
  let insert = end;
  while (insert > at + 1 && (lines[insert - 1] ?? '').trim() === '') insert--;
  lines.splice(insert, 0, ...items);
  return lines.join('\n');
}
