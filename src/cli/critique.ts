// `reviewgate plan --critique`: the AI advisor reads the plan and the changed paths and answers
// with questions and missing risks. Nothing is added to the plan unless a person picks it: on a
// terminal by answering the prompt, otherwise with --add <numbers> after a critique was shown
// (--add picks only from the answer already shown, never from a new one).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Change } from '../change/change.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../evidence/store.js';
import { globMatcher } from '../glob.js';
import { stagePaths } from '../git/worktree.js';
import type { Repo } from '../git/repo.js';
import { splitDraft } from '../plan/draft.js';
import { addOpenQuestions } from '../plan/questions.js';
import { modelText } from '../review/flags.js';
import { advisorSettings, describeLeftOut, describeUsage, loadAdvisor, printDryRun, withAdvisorErrors } from './advisor.js';
import { styleFor } from './output.js';

export interface CritiqueFlags {
  dryRun?: boolean;
  /** With dryRun: ask the API's count_tokens endpoint for the exact count. */
  countTokens?: boolean;
  /** "1,3", "all" or "none": which items to add as open questions. */
  add?: string;
}

/** Parses "1,3", "1 3", "all", "none" against `count` items; null when it is not such a list. */
export function parsePicks(text: string, count: number): number[] | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'none' || t === 'n') return [];
  if (t === 'all' || t === 'a') return Array.from({ length: count }, (_, i) => i + 1);
  const picks = t.split(/[\s,]+/).filter(Boolean).map(Number);
  if (picks.some((n) => !Number.isInteger(n) || n < 1 || n > count)) return null;
  return [...new Set(picks)].sort((a, b) => a - b);
}

export async function critiquePlan(repo: Repo, config: Config, change: Change, relPath: string, flags: CritiqueFlags): Promise<void> {
  const s = await styleFor(process.stdout);
  const absolute = join(repo.root, relPath);
  if (!existsSync(absolute)) throw new UserError(`no plan to critique: ${relPath} does not exist`, 'reviewgate plan   (write the plan first)');
  if (!config.ai.enabled && !flags.dryRun) {
    throw new UserError('the AI advisor is off (ai.enabled: false)', 'set ai.enabled: true in .reviewgate.yml, or see what would be sent with: reviewgate plan --critique --dry-run');
  }
  const text = readFileSync(absolute, 'utf8');
  const { body, scope } = splitDraft(text);
  const advisor = await loadAdvisor();
  const settings = advisorSettings(config, repo);
  const paths = change.files.map((f) => f.path);
  const listed = [paths.length > 0 ? `changed:\n${paths.join('\n')}` : 'changed: (no files changed yet)', ...(scope && scope.length > 0 ? [`planned scope (globs):\n${scope.join('\n')}`] : [])];
  const parts = [
    { path: relPath, text: body },
    { path: '(changed and planned paths)', text: listed.join('\n') },
  ];
  // An excluded path is not even named in the list of paths.
  const excluded = globMatcher(config.ai.exclude);
  const hidden = paths.filter((p) => excluded(p));
  const prepared = await advisor.prepare(advisor.critiqueTask, parts.map((p) => (p.path.startsWith('(') ? { ...p, text: p.text.split('\n').filter((l) => !excluded(l)).join('\n') } : p)), settings);
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const leftOut = () => [...(hidden.length > 0 ? [`Not sent (ai.exclude), not even by name: ${hidden.join(', ')}`] : []), ...describeLeftOut(prepared, s)];

  if (flags.dryRun) return printDryRun(advisor, prepared, settings, leftOut(), flags.countTokens === true);

  const critique = await withAdvisorErrors(async () => {
    if (flags.add !== undefined) {
      const cached = advisor.cachedAnswer(prepared, advisor.critiqueTask, settings);
      if (!cached) throw new UserError('--add picks from a critique already shown, and there is none for this plan as it is now', 'reviewgate plan --critique   (read it, then add with --add <numbers>)');
      return { output: cached, cached: true, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 };
    }
    for (const line of leftOut()) out(line);
    return advisor.send(prepared, advisor.critiqueTask, settings);
  });

  const items = [
    ...critique.output.questions.map((q) => ({ text: modelText(q.question), why: modelText(q.why), kind: 'question' as const })),
    ...critique.output.missing_risks.map((r) => ({ text: modelText(r.risk), why: modelText(r.why), kind: 'risk' as const })),
  ];
  const injections = [...advisor.findInjections(prepared.sent), ...critique.output.injection_attempts].map((h) => ({ path: modelText(h.path), quote: modelText(h.quote) }));
  if (flags.add === undefined) {
    out(s.bold(`The AI advisor on ${relPath} (advice only: it satisfies no gate)`));
    for (const inj of dedupe(injections)) out(s.red(`  ! possible prompt injection in ${inj.path}: "${inj.quote}" — text addressed to a reviewer or a model, not to the program`));
    if (items.length === 0) out('  No questions and no missing risks.');
    for (const [i, item] of items.entries()) {
      out(`  ${String(i + 1).padStart(2)}. ${item.kind === 'question' ? 'question' : s.yellow('risk    ')}  ${item.text}`);
      if (item.why) out(s.dim(`               ${item.why}`));
    }
    out(describeUsage(critique));
  }
  if (items.length === 0) return;

  let picks: number[] | null;
  if (flags.add !== undefined) {
    picks = parsePicks(flags.add, items.length);
    if (picks === null) throw new UserError(`--add ${flags.add}: expected numbers from 1 to ${items.length}, "all" or "none"`, 'reviewgate plan --critique --add 1,3');
  } else if (process.stdin.isTTY && process.stdout.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      picks = parsePicks(await rl.question('Add which as open questions to the plan? (numbers like 1,3, "all", or Enter for none) '), items.length);
    } finally {
      rl.close();
    }
    if (picks === null) throw new UserError('that is not a list of the numbers shown; nothing was added', 'reviewgate plan --critique --add 1,3');
  } else {
    out(`Nothing was added. To add some as open questions: ${s.bold('reviewgate plan --critique --add <numbers>')} (e.g. --add 1,3)`);
    return;
  }
  if (picks.length === 0) {
    out('Nothing was added to the plan.');
    return;
  }
  const chosen = picks.map((n) => items[n - 1]).filter((x) => x !== undefined);
  const questions = chosen.map((item) => (item.kind === 'question' ? item.text : `Risk not in the plan: ${item.text}`));
  await writeFileAtomic(absolute, addOpenQuestions(text, questions));
  await stagePaths(repo.git, [relPath]);
  out(`Added ${questions.length} open question${questions.length === 1 ? '' : 's'} to ${relPath} (staged); the plan gate fails until each is answered and marked "- [x]".`);
}

function dedupe<T extends { path: string; quote: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = `${x.path}\0${x.quote}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
