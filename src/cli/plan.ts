// `reviewgate plan`: record the plan for this change (editor, --from <file>, or --from -),
// or show the current plan with the plan gate's view of it (--show).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectChange } from '../check/change.js';
import { readPlan } from '../check/inputs.js';
import { loadConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../evidence/store.js';
import { evaluatePlan } from '../gates/plan.js';
import { stagePaths } from '../git/worktree.js';
import { openRepo } from '../git/repo.js';
import { parsePlan, sectionKey } from '../plan/parse.js';
import { renderPlan } from '../plan/render.js';
import { planFileName, planTemplate } from '../plan/template.js';
import { renderText } from '../report/text.js';
import { styleFor } from './output.js';

export interface PlanFlags {
  from?: string;
  title?: string;
  show?: boolean;
  status?: 'active' | 'done';
  config?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Drops front matter the person may have pasted: the tool writes its own. */
function stripFrontMatter(text: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return match ? text.slice(match[0].length) : text;
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

export async function planCommand(flags: PlanFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  const change = await collectChange(repo, config, { kind: 'staged' });
  const s = await styleFor(process.stdout);
  const relPath = `${config.evidence_dir}/${planFileName(repo.branch)}`;

  if (flags.show) {
    const found = await readPlan(change.reader, config, change, repo.branch);
    if (found) process.stdout.write(`${s.dim(`${found.path}`)}\n\n${stripFrontMatter((await change.reader.read([found.path])).get(found.path)?.toString('utf8') ?? '')}\n`);
    const result = evaluatePlan({ plan: found?.plan ?? null, planPath: found?.path ?? relPath, config, changedLines: change.changedLines, changedFiles: change.files.length });
    process.stdout.write(renderText({ ok: result.ok, target: { kind: 'staged', base: change.base, head: null }, gates: [result], notes: [], skipped: null }, s));
    return;
  }

  let body: string;
  if (flags.from === '-') body = await readStdin();
  else if (flags.from !== undefined) {
    const path = resolve(cwd, flags.from);
    if (!existsSync(path)) throw new UserError(`no such file: ${flags.from}`, 'reviewgate plan --from <file>');
    body = await readFile(path, 'utf8');
  } else if (process.stdin.isTTY) {
    const absolute = join(repo.root, relPath);
    const start = existsSync(absolute) ? stripFrontMatter(readFileSync(absolute, 'utf8')) : planTemplate(config.plan.sections);
    body = editInEditor(start);
  } else {
    throw new UserError('no terminal to open an editor on', 'reviewgate plan --from <file>   (or --from - to read standard input)');
  }
  body = stripFrontMatter(body);

  // Refuse a plan with nothing in it; a partial plan is recorded and the gate names what is missing.
  const draft = await parsePlan(renderPlan({ title: 'draft', branch: repo.branch, recorded_at: new Date().toISOString(), status: 'active', change_at_record: { files: 0, lines: 0 } }, body), relPath);
  if (!draft.sections.some((sec) => sec.hasContent)) {
    throw new UserError(`the plan is empty: every section (${config.plan.sections.join(', ')}) still needs content`, 'write under each heading, then run reviewgate plan again');
  }
  const goal = draft.sections.find((sec) => sectionKey(sec.name) === 'goal' && sec.hasContent);
  const title = flags.title ?? goal?.body.split('\n').map((l) => l.replace(/<!--.*?-->/g, '').trim()).find(Boolean) ?? repo.branch ?? 'plan';
  const text = renderPlan(
    {
      title: title.slice(0, 120),
      branch: repo.branch,
      recorded_at: new Date().toISOString(),
      status: 'active',
      change_at_record: { files: change.files.length, lines: change.changedLines },
    },
    body,
  );
  await writeFileAtomic(join(repo.root, relPath), text);
  await stagePaths(repo.git, [relPath]);
  const plan = await parsePlan(text, relPath);
  const result = evaluatePlan({ plan, planPath: relPath, config, changedLines: change.changedLines, changedFiles: change.files.length });
  process.stdout.write(`Recorded the plan in ${relPath} (staged).\n`);
  for (const f of result.findings) process.stdout.write(`  ${f.severity === 'error' ? s.red('error') : s.yellow('warn ')} ${f.message}\n`);
  process.stdout.write(`Next: ${s.bold(change.items.length > 0 ? 'reviewgate review' : 'write the code, then reviewgate review')}\n`);
}
