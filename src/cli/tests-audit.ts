// `reviewgate tests --audit`: the AI advisor reads, for each checklist item, the body of the test
// matched to it, and says whether it really checks the item (not only by its title); it also
// lists assumptions of the changed code that no test checks. Findings on lines of this change are
// recorded as flags (answered like review flags; ai.acknowledge applies); the others are advice,
// printed with file:line. Nothing here makes the tests gate pass.
import type { Change } from '../change/change.js';
import { readEvidence } from '../change/inputs.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { FlagRecord } from '../evidence/types.js';
import type { TestsAnalysis } from '../gates/tests.js';
import { indexReader } from '../git/content.js';
import { gitUser, type Repo } from '../git/repo.js';
import { globMatcher } from '../glob.js';
import type { Style } from '../report/style.js';
import { flagsFromAnswer, hunkParts, injectionFlags, modelText, sameFlag, type NewFlag } from '../review/flags.js';
import { isTestFile } from '../testmap/mapping.js';
import { testBody, type TestBody } from '../testmap/body.js';
import { VERSION } from '../version.js';
import { advisorSettings, describeLeftOut, describeUsage, loadAdvisor, printDryRun, withAdvisorErrors } from './advisor.js';

interface Audited {
  readonly id: string;
  readonly text: string;
  readonly file: string;
  readonly title: string;
  readonly body: TestBody;
}

export async function auditTests(repo: Repo, config: Config, change: Change, analysis: TestsAnalysis, s: Style, dryRun: boolean, countTokens = false): Promise<void> {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  if (!config.ai.enabled && !dryRun) {
    throw new UserError('the AI advisor is off (ai.enabled: false)', 'set ai.enabled: true in .reviewgate.yml, or see what would be sent with: reviewgate tests --audit --dry-run');
  }
  const excluded = globMatcher(config.ai.exclude);
  const withTests = (analysis.checklist ?? []).filter((c) => c.test !== null && !excluded(c.test.file));
  const contents = await change.reader.read([...new Set(withTests.map((c) => c.test?.file ?? ''))]);
  const audited: Audited[] = [];
  for (const c of withTests) {
    const test = c.test;
    const content = test ? contents.get(test.file) : undefined;
    if (!test || !content) continue;
    audited.push({ id: `C${audited.length + 1}`, text: c.item.text, file: test.file, title: test.title, body: testBody(content.toString('utf8'), test.line, test.file) });
  }
  const code = change.items.map((j) => j.item).filter((i) => !isTestFile(i.path, config) && !excluded(i.path));
  const { parts: hunks, hunks: sentHunks } = hunkParts(code);
  const itemParts = audited.map((a) => ({
    path: a.file,
    text: [`checklist item ${a.id}: ${a.text}`, `matched test: ${a.file}:${a.body.start} "${a.title}"`, ...a.body.lines.map((l, i) => `${String(a.body.start + i).padStart(6)} | ${l}`)].join('\n'),
  }));
  const hidden = [...new Set([...(analysis.checklist ?? []).flatMap((c) => (c.test && excluded(c.test.file) ? [c.test.file] : [])), ...change.items.map((j) => j.item.path).filter((p) => excluded(p))])];
  const advisor = await loadAdvisor();
  const settings = advisorSettings(config, repo);
  const prepared = await advisor.prepare(advisor.auditTask, [...itemParts, ...hunks], settings);
  const leftOut = [...(hidden.length > 0 ? [`Not sent (ai.exclude): ${hidden.join(', ')}`] : []), ...describeLeftOut(prepared, s)];
  out('');
  if (dryRun) return printDryRun(advisor, prepared, settings, leftOut, countTokens);
  if (audited.length === 0 && hunks.length === 0) {
    out('Test audit: no checklist item has a matched test and no code changed; nothing to ask.');
    return;
  }
  for (const line of leftOut) out(line);
  const answer = await withAdvisorErrors(() => advisor.send(prepared, advisor.auditTask, settings));

  out(s.bold('Test audit by the AI advisor (advice only: it satisfies no gate)'));
  const evidence = await readEvidence(await indexReader(repo.git), config);
  const fresh: NewFlag[] = [];
  for (const a of audited) {
    const verdict = answer.output.items.find((v) => v.item.trim() === a.id);
    if (!verdict) {
      out(`  ? ${a.text} → ${a.file}:${a.body.start}: the advisor said nothing about it`);
      continue;
    }
    const mark = verdict.verdict === 'checks' ? s.green('✓') : verdict.verdict === 'partly' ? s.yellow('~') : s.red('✗');
    const line = verdict.line !== undefined && verdict.line >= a.body.start && verdict.line <= a.body.end ? verdict.line : a.body.start;
    out(`  ${mark} ${a.text} → ${a.file}:${line} ${verdict.verdict}: ${modelText(verdict.why)}`);
    if (verdict.verdict === 'checks') continue;
    // Bound to the test's changed lines when the test is part of this change; advice otherwise.
    const lines = change.items
      .map((j) => j.item)
      .filter((i) => i.path === a.file)
      .flatMap((i) => i.lines)
      .filter((l) => l.side === '+' && l.line >= a.body.start && l.line <= a.body.end);
    if (lines.length === 0) {
      out(s.dim(`      (not recorded: ${a.file}:${a.body.start} is not part of this change)`));
      continue;
    }
    fresh.push({ keys: lines.map((l) => l.key), path: a.file, line: lines[0]?.line ?? line, endLine: lines.at(-1)?.line ?? line, category: 'test-audit', text: modelText(`checklist item "${a.text}": the test ${verdict.verdict === 'partly' ? 'only partly checks it' : 'does not check it'}: ${verdict.why}`) });
  }
  const assumptions = flagsFromAnswer(
    answer.output.untested_assumptions.map((u) => ({ hunk: u.hunk, side: u.side, start_line: u.start_line, end_line: u.end_line, category: 'untested-assumption', why: u.assumption })),
    sentHunks,
  );
  if (assumptions.kept.length > 0) out(s.bold('  Assumptions of the changed code that no test checks:'));
  for (const f of assumptions.kept) out(`    ${f.path}:${f.line} ${f.text}`);
  if (assumptions.dropped > 0) out(s.dim(`    (${assumptions.dropped} dropped: they named no changed line)`));
  fresh.push(...assumptions.kept, ...injectionFlags(code, answer.output.injection_attempts));
  out(describeUsage(answer));

  const known = evidence.records.filter((r): r is FlagRecord => r.type === 'flag');
  const unique: NewFlag[] = [];
  for (const f of fresh) if (!known.some((k) => sameFlag(k, f)) && !unique.some((u) => sameFlag(u, f))) unique.push(f);
  const by = await gitUser(repo.git);
  const at = new Date().toISOString();
  const records: FlagRecord[] = unique.map((f) => ({ v: 1, type: 'flag', id: newRecordId(), at, by, tool: VERSION, ...f, model: config.ai.model }));
  await recordEvidence(repo, config, records);
  for (const r of records) out(s.yellow(`  AI flag ${r.id} on ${r.path}:${r.line} (${r.category}) — answer: reviewgate review --answer ${r.id} addressed|not-a-problem|accepted-risk "<note>"`));
  if (records.length > 0) out(`Recorded ${records.length} AI flag${records.length === 1 ? '' : 's'} (staged); ai.acknowledge: ${config.ai.acknowledge}.`);
}
