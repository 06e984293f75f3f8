// The AI advisor during `reviewgate review` (ai.review: on): before the walk it reads the
// unreviewed hunks and raises risk flags, recorded as evidence bound to the flagged lines' keys
// and shown above their hunks. `--answer` records a person's answer to a flag. Flags are advice:
// with ai.acknowledge: required an unanswered flag blocks the review gate, nothing more.
import { readEvidence } from '../change/inputs.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { AnswerRecord, EvidenceRecord, FlagRecord, Person } from '../evidence/types.js';
import { indexReader } from '../git/content.js';
import { globMatcher } from '../glob.js';
import type { Repo } from '../git/repo.js';
import type { ReviewItem } from '../diff/model.js';
import type { Style } from '../report/style.js';
import { flagsFromAnswer, hunkParts, injectionFlags, sameFlag, type NewFlag } from '../review/flags.js';
import { VERSION } from '../version.js';
import { advisorSettings, describeLeftOut, describeUsage, loadAdvisor, printDryRun } from './advisor.js';
import { printError } from './output.js';

const VERDICTS = ['addressed', 'not-a-problem', 'accepted-risk'] as const;

/**
 * Asks the advisor about `items` and records the new flags. With `dryRun`, prints the request
 * and records nothing. Returns the records written. A failed call is reported and the review goes
 * on without flags; a missing key stops it (exit 2), since ai.review: on asked for the advisor.
 */
export async function raiseFlags(repo: Repo, config: Config, items: readonly ReviewItem[], records: readonly EvidenceRecord[], by: Person, s: Style, dryRun: boolean, countTokens = false): Promise<EvidenceRecord[]> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const advisor = await loadAdvisor();
  const settings = advisorSettings(config, repo);
  // Excluded files are left out before the hunks are numbered: the model never sees them, not even as a gap.
  const excluded = globMatcher(config.ai.exclude);
  const hidden = [...new Set(items.filter((i) => excluded(i.path)).map((i) => i.path))];
  const { parts, hunks } = hunkParts(items.filter((i) => !excluded(i.path)));
  const prepared = await advisor.prepare(advisor.flagsTask, parts, settings);
  const leftOut = () => [...(hidden.length > 0 ? [`Not sent (ai.exclude): ${hidden.join(', ')}`] : []), ...describeLeftOut(prepared, s)];
  if (dryRun) {
    await printDryRun(advisor, prepared, settings, leftOut(), countTokens);
    return [];
  }
  if (parts.length === 0) return [];
  try {
    advisor.apiKeyFrom(settings.env);
  } catch (error) {
    const e = error as Error & { fix: string };
    throw new UserError(e.message, e.fix, { cause: error });
  }
  for (const line of leftOut()) out(line);
  let fresh: NewFlag[] = injectionFlags(items, []);
  try {
    const answer = await advisor.send(prepared, advisor.flagsTask, settings);
    const sentPaths = new Set(prepared.sent.map((p) => p.path));
    const { kept, dropped } = flagsFromAnswer(answer.output.flags, hunks);
    fresh = [...kept.filter((f) => sentPaths.has(f.path)), ...injectionFlags(items, answer.output.injection_attempts)];
    out(`AI advisor: ${kept.length} flag${kept.length === 1 ? '' : 's'}${dropped > 0 ? ` (${dropped} dropped: they named no changed line)` : ''}; ${describeUsage(answer)}`);
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AdvisorError')) throw error;
    if ((error as Error & { exit: number }).exit === 2) throw new UserError(error.message, (error as Error & { fix: string }).fix, { cause: error });
    printError(`${error.message} — reviewing without AI flags`, (error as Error & { fix: string }).fix);
  }
  const known = records.filter((r): r is FlagRecord => r.type === 'flag');
  const unique: NewFlag[] = [];
  for (const f of fresh) if (!known.some((k) => sameFlag(k, f)) && !unique.some((u) => sameFlag(u, f))) unique.push(f);
  const at = new Date().toISOString();
  const written: FlagRecord[] = unique.map((f) => ({ v: 1, type: 'flag', id: newRecordId(), at, by, tool: VERSION, ...f, model: config.ai.model }));
  await recordEvidence(repo, config, written);
  if (written.length > 0) {
    const rule = config.ai.acknowledge === 'required' ? 'each blocks the review gate until answered' : config.ai.acknowledge === 'warn' ? 'check warns until each is answered' : 'advice only';
    out(s.yellow(`Recorded ${written.length} AI flag${written.length === 1 ? '' : 's'} (shown above their hunks; ${rule}: reviewgate review --answer <id> addressed|not-a-problem|accepted-risk "<note>").`));
  }
  return written;
}

/** `review --answer <id> <verdict> <note>`: a person's answer to a flag. */
export async function answerFlag(repo: Repo, config: Config, id: string, words: readonly string[], by: Person): Promise<void> {
  const [verdict, ...note] = words;
  const fix = `reviewgate review --answer ${id} addressed|not-a-problem|accepted-risk "<note>"`;
  if (!VERDICTS.includes(verdict as (typeof VERDICTS)[number])) throw new UserError(`the answer must start with ${VERDICTS.join(', ')}${verdict ? `, not "${verdict}"` : ''}`, fix);
  const text = note.join(' ').trim();
  if (!text) throw new UserError('add a note: what was done, or why it is not a problem or an accepted risk', fix);
  const evidence = await readEvidence(await indexReader(repo.git), config);
  const flag = evidence.records.find((r) => r.type === 'flag' && r.id === id);
  if (!flag) throw new UserError(`no AI flag with id "${id}" in the staged evidence`, 'reviewgate check (or review --list) shows the flags with their ids');
  if (evidence.records.some((r) => r.type === 'answer' && r.flag === id)) throw new UserError(`flag ${id} is already answered`);
  const record: AnswerRecord = { v: 1, type: 'answer', id: newRecordId(), at: new Date().toISOString(), by, tool: VERSION, flag: id, verdict: verdict as AnswerRecord['verdict'], text };
  await recordEvidence(repo, config, [record]);
  process.stdout.write(`Answered AI flag ${id} (${verdict}). Next: reviewgate check\n`);
}
