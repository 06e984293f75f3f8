// `reviewgate plan`: record the plan for this change (editor, --from <file>, or --from -),
// close or reopen it (--status), or show it with the gates' view of it (--show).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { collectChange, type Change } from '../change/change.js';
import { readPlan } from '../change/inputs.js';
import { collectTitles, evaluateTestsGate } from '../change/tests.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../evidence/store.js';
import { evaluatePlan, outOfScope } from '../gates/plan.js';
import { stagePaths } from '../git/worktree.js';
import { openRepo, type Repo } from '../git/repo.js';
import { isUntouched, missingSections, splitDraft } from '../plan/draft.js';
import { parsePlan, sectionKey, type Plan, type PlanFrontMatter } from '../plan/parse.js';
import { renderPlan } from '../plan/render.js';
import { showPlan } from '../plan/show.js';
import { planFileName, planTemplate } from '../plan/template.js';
import { renderText } from '../report/text.js';
import { matchChecklist } from '../testmap/match.js';
import { styleFor } from './output.js';

export interface PlanFlags {
  from?: string;
  title?: string;
  show?: boolean;
  status?: 'active' | 'done';
  critique?: boolean;
  dryRun?: boolean;
  countTokens?: boolean;
  add?: string;
  config?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function editInEditor(initial: string): string {
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (!editor) {
    throw new UserError('no editor: $VISUAL and $EDITOR are both unset', 'export EDITOR=vim (or nano, "code --wait"), or write the plan in a file and use: reviewgate plan --from plan.md');
  }
  const dir = mkdtempSync(join(tmpdir(), 'reviewgate-plan-'));
  const file = join(dir, 'PLAN.md');
  writeFileSync(file, initial);
  // The editor string may carry arguments ("code --wait"): run it through the shell, like git does.
  const result = spawnSync(`${editor} "$REVIEWGATE_PLAN_FILE"`, { shell: true, stdio: 'inherit', env: { ...process.env, REVIEWGATE_PLAN_FILE: file } });
  if (result.status !== 0) {
    throw new UserError(`the editor (${editor}) exited with ${result.status ?? result.signal}; the plan was not recorded`, `your draft is kept in ${file}: reviewgate plan --from ${file}`);
  }
  return readFileSync(file, 'utf8');
}

/** The plan file in the work tree (what the person edits), parsed; null when there is none. */
async function currentPlan(repo: Repo, relPath: string): Promise<{ text: string; plan: Plan } | null> {
  const absolute = join(repo.root, relPath);
  if (!existsSync(absolute)) return null;
  const text = readFileSync(absolute, 'utf8');
  return { text, plan: await parsePlan(text, relPath) };
}

const bodyOf = (text: string) => splitDraft(text).body;

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase();
  } finally {
    rl.close();
  }
}

export async function planCommand(flags: PlanFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  const change = await collectChange(repo, config, { kind: 'staged' });
  const relPath = `${config.evidence_dir}/${planFileName(repo.branch)}`;
  if (flags.show) return show(repo, config, change, relPath);
  if ((flags.dryRun || flags.add !== undefined) && !flags.critique) throw new UserError('--dry-run and --add go with --critique', 'reviewgate plan --critique --dry-run');
  if (flags.countTokens && !flags.dryRun) throw new UserError('--count-tokens goes with --dry-run', 'reviewgate plan --critique --dry-run --count-tokens');
  if (flags.critique) return (await import('./critique.js')).critiquePlan(repo, config, change, relPath, { dryRun: flags.dryRun, countTokens: flags.countTokens, add: flags.add });
  const existing = await currentPlan(repo, relPath);
  if (flags.status) {
    if (!existing) throw new UserError(`no plan to mark ${flags.status}: ${relPath} does not exist`, 'reviewgate plan');
    const text = renderPlan({ ...existing.plan.frontMatter, status: flags.status }, bodyOf(existing.text));
    await writeFileAtomic(join(repo.root, relPath), text);
    await stagePaths(repo.git, [relPath]);
    process.stdout.write(flags.status === 'done' ? `Closed the plan in ${relPath} (staged). The next \`reviewgate plan\` starts a new one.\n` : `Reopened the plan in ${relPath} (staged).\n`);
    return;
  }

  const active = existing?.plan.frontMatter.status === 'active';
  let text: string;
  let continuing = false;
  if (flags.from !== undefined) {
    if (flags.from === '-') text = await readStdin();
    else {
      const path = resolve(cwd, flags.from);
      if (!existsSync(path)) throw new UserError(`no such file: ${flags.from}`, 'reviewgate plan --from <file>');
      text = await readFile(path, 'utf8');
    }
    if (active) process.stdout.write(`Replacing the active plan in ${relPath}.\n`);
  } else if (process.stdin.isTTY) {
    if (existing && active) {
      const answer = await ask(`A plan exists for this branch (${existing.plan.frontMatter.title}). [r]eplace it or [c]ontinue it? [c] `);
      if (answer !== '' && answer !== 'c' && answer !== 'r') throw new UserError(`"${answer}" is neither r nor c; nothing was recorded`, 'reviewgate plan, then r or c');
      continuing = answer !== 'r';
    }
    text = editInEditor(continuing && existing ? bodyOf(existing.text) : planTemplate(config.plan.sections));
  } else {
    throw new UserError('no terminal to open an editor on', 'reviewgate plan --from <file>   (or --from - to read standard input)');
  }
  const draft = splitDraft(text);
  const scope = draft.scope ?? (continuing ? existing?.plan.frontMatter.scope : undefined);
  await record(repo, config, change, relPath, flags, draft.body, scope);
}

async function record(repo: Repo, config: Config, change: Change, relPath: string, flags: PlanFlags, body: string, scope: readonly string[] | undefined): Promise<void> {
  const s = await styleFor(process.stdout);
  const front = (title: string): PlanFrontMatter => ({
    title,
    branch: repo.branch,
    recorded_at: new Date().toISOString(),
    status: 'active',
    change_at_record: { files: change.files.length, lines: change.changedLines },
    ...(scope && scope.length > 0 ? { scope: [...scope] } : {}),
  });
  const draft = await parsePlan(renderPlan(front('draft'), body), relPath);
  const missing = missingSections(draft.sections, config.plan.sections);
  // An untouched template or an empty plan is not a plan: refuse, and say what it still needs.
  if (isUntouched(body, config.plan.sections) || !draft.sections.some((sec) => sec.hasContent)) {
    throw new UserError(`the plan is ${body.trim() === '' ? 'empty' : 'still the unchanged template'}; these sections need content: ${missing.join(', ')}`, 'write under each heading, then run reviewgate plan again');
  }
  const goal = draft.sections.find((sec) => sectionKey(sec.name) === 'goal' && sec.hasContent);
  const title = flags.title ?? goal?.body.split('\n').map((l) => l.trim()).find(Boolean) ?? repo.branch ?? 'plan';
  const text = renderPlan(front(title.slice(0, 120)), body);
  await writeFileAtomic(join(repo.root, relPath), text);
  await stagePaths(repo.git, [relPath]);
  const plan = await parsePlan(text, relPath);
  const result = evaluatePlan({ plan, planPath: relPath, config, changedLines: change.changedLines, changedFiles: change.files.length, changedPaths: change.files.map((f) => f.path) });
  process.stdout.write(`Recorded the plan in ${relPath} (staged).\n`);
  if (missing.length > 0) process.stdout.write(s.yellow(`Still missing: ${missing.join(', ')} — the plan gate fails until they have content.\n`));
  for (const f of result.findings) {
    if (f.code === 'plan.section_missing' || f.code === 'plan.section_empty') continue;
    process.stdout.write(`  ${f.severity === 'error' ? s.red('error') : s.yellow('warn ')} ${f.message}\n`);
  }
  if (config.ai.enabled && process.stdout.isTTY) process.stdout.write(`The AI advisor can question this plan: ${s.bold('reviewgate plan --critique')} (advice only).\n`);
  process.stdout.write(`Next: ${s.bold(missing.length > 0 ? 'reviewgate plan (continue it)' : change.items.length > 0 ? 'reviewgate review' : 'write the code, then reviewgate review')}\n`);
}

async function show(repo: Repo, config: Config, change: Change, relPath: string): Promise<void> {
  const s = await styleFor(process.stdout);
  const found = await readPlan(change.reader, config, change, repo.branch);
  const changedPaths = change.files.map((f) => f.path);
  const result = evaluatePlan({ plan: found?.plan ?? null, planPath: found?.path ?? relPath, config, changedLines: change.changedLines, changedFiles: change.files.length, changedPaths });
  const gates = [result];
  if (found) {
    const wanted = found.plan.checklist.filter((i) => i.state !== 'waived');
    const titles = wanted.length > 0 ? await collectTitles(change, config, wanted, repo.cacheDir) : [];
    const tests = new Map(matchChecklist(wanted, titles).map((m) => [m.item.line, m.test ? `${m.test.file}:${m.test.line} "${m.test.title}"` : null]));
    const lines = showPlan({ plan: found.plan, path: found.path, sections: config.plan.sections, tests, outOfScope: outOfScope(found.plan, changedPaths), changedLines: change.changedLines }, s);
    process.stdout.write(`${lines.join('\n')}\n\n`);
    gates.push(await evaluateTestsGate(config, change, found, repo.cacheDir));
  }
  process.stdout.write(renderText({ ok: gates.every((g) => g.ok), target: { kind: 'staged', base: change.base, head: null }, gates, notes: [], skipped: null }, s));
}
