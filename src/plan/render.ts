// Writes a plan file: the tool's YAML front matter, then the person's Markdown. Used only by the
// `plan` command, so the YAML library is imported statically here.
import { Document } from 'yaml';
import type { PlanFrontMatter } from './parse.js';

export function renderPlan(frontMatter: PlanFrontMatter, body: string): string {
  // Fixed key order, so plan files diff cleanly between recordings.
  const doc = new Document({
    title: frontMatter.title,
    branch: frontMatter.branch,
    recorded_at: frontMatter.recorded_at,
    status: frontMatter.status,
    change_at_record: { files: frontMatter.change_at_record.files, lines: frontMatter.change_at_record.lines },
    ...(frontMatter.scope && frontMatter.scope.length > 0 ? { scope: [...frontMatter.scope] } : {}),
  });
  const counts = doc.get('change_at_record', true) as { flow?: boolean } | undefined;
  if (counts) counts.flow = true;
  const yaml = doc.toString({ lineWidth: 0 });
  const text = body.replace(/^\n+/, '');
  return `---\n${yaml}---\n\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`;
}
