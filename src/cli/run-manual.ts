// After the commands pass, `reviewgate run` asks the plan's manual checks on a terminal and
// records each answer bound to the same content fingerprint as the commands. Only a person's
// answer at a terminal counts (review.piped and review.agent, as for a review): with stdin not a
// terminal (a pipe, `yes |`) nothing is recorded and the checks are listed with the command to run.
import { createInterface } from 'node:readline/promises';
import { collectChange } from '../change/change.js';
import { readEvidence } from '../change/inputs.js';
import { checklistPlan, planCoverage } from '../change/plan-cover.js';
import type { Config } from '../config/schema.js';
import { guardPerson } from '../agent/guard.js';
import { GateFailure } from '../errors.js';
import { pipedPolicy } from '../gates/pace.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { Person, RunRecord } from '../evidence/types.js';
import { isPassing, runRecordsFor } from '../gates/run.js';
import { indexReader } from '../git/content.js';
import type { Repo } from '../git/repo.js';
import { manualChecks, manualCommand } from '../plan/manual.js';
import type { ChecklistItem } from '../plan/parse.js';
import type { Style } from '../report/style.js';
import { VERSION } from '../version.js';

const out = (line: string) => process.stderr.write(`${line}\n`);

/** The manual checks of the staged change's plan still owed on this fingerprint. */
async function owed(repo: Repo, config: Config, fingerprint: string): Promise<ChecklistItem[]> {
  const change = await collectChange(repo, config, { kind: 'staged' });
  const plan = checklistPlan(await planCoverage(repo, config, change));
  if (!plan) return [];
  const items = manualChecks(plan.plan, config.plan.manual_checks).filter((i) => i.state !== 'waived');
  if (items.length === 0) return [];
  const done = runRecordsFor((await readEvidence(await indexReader(repo.git), config)).records, fingerprint).filter(isPassing);
  return items.filter((i) => !done.some((r) => r.command === manualCommand(i)));
}

/**
 * Asks the manual checks of the plan not yet done on this content; false when none was owed.
 * `beforeAsking` runs first when some are (the work tree must be the judged content).
 */
export async function askManualChecks(repo: Repo, config: Config, fingerprint: string, by: Person, s: Style, beforeAsking?: () => Promise<void>): Promise<boolean> {
  const items = await owed(repo, config, fingerprint);
  if (items.length === 0) return false;
  await beforeAsking?.();
  // A manual check is a person's acknowledgement: the same rules as a review's answers
  // (review.agent for an AI coding agent's shell, review.piped for answers from a pipe).
  const isPipe = process.stdin.isTTY !== true;
  const piped = pipedPolicy(config.review);
  const agent = guardPerson({
    what: 'a manual check',
    command: 'reviewgate run',
    agentKey: 'review.agent',
    agentPolicy: config.review.agent,
    env: process.env,
    warn: out,
    ...(isPipe && piped !== 'refuse' ? { piped: { key: 'review.piped', policy: piped, isPipe } } : {}),
  });
  if (isPipe && piped === 'refuse') {
    out(s.yellow(`${items.length} manual check${items.length === 1 ? '' : 's'} of the plan not done on this content:`));
    for (const i of items) out(`  - ${i.text}  (${i.file}:${i.line})`);
    out('  fix: run `reviewgate run` on a terminal: it asks each one (answers from a pipe are not recorded)');
    throw new GateFailure('manual checks not done');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const records: RunRecord[] = [];
  let skipped = 0;
  try {
    out(s.bold(`Manual checks (${items.length}), from the plan: do each by hand now, on this content.`));
    for (const [n, item] of items.entries()) {
      const answer = (await rl.question(`${n + 1}/${items.length} ${item.text}\n    [y] done  [n] not done  [s] skip: `)).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'n') {
        skipped += 1;
        continue;
      }
      const seen = (await rl.question(answer === 'y' ? '    what did you see (one line): ' : '    what happened (one line): ')).trim();
      if (answer === 'y' && seen === '') {
        out(s.yellow('    nothing recorded: a done check needs one line of what you saw'));
        skipped += 1;
        continue;
      }
      records.push({
        v: 1,
        type: 'run',
        id: newRecordId(),
        at: new Date().toISOString(),
        by: { name: by.name, email: by.email },
        tool: VERSION,
        ...(agent ? { agent: agent.name } : {}),
        tree: fingerprint,
        command: manualCommand(item),
        exitCode: answer === 'y' ? 0 : 1,
        signal: null,
        durationMs: 0,
        void: false,
        changed: [],
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        output: seen === '' ? [] : [seen.slice(0, 500)],
      });
    }
  } finally {
    rl.close();
  }
  if (records.length > 0) {
    const written = await recordEvidence(repo, config, records);
    if (written.length > 0) out(s.dim(`recorded ${records.length} manual check${records.length === 1 ? '' : 's'} in ${written[0]} (staged)`));
  }
  const notDone = records.filter((r) => r.exitCode !== 0).length;
  if (notDone + skipped > 0) {
    out(s.yellow(`${notDone + skipped} manual check${notDone + skipped === 1 ? '' : 's'} not done: the run gate fails until ${notDone + skipped === 1 ? 'it is' : 'they are'} (reviewgate run asks again)`));
    throw new GateFailure('manual checks not done');
  }
  return true;
}
