// `reviewgate review --web`: the same review on a local page. Every answer is recorded (and
// staged) as it is given, so closing the tab, Ctrl-C or the idle timeout lose nothing answered.
import { spawn } from 'node:child_process';
import type { Change } from '../change/change.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { EvidenceRecord, Person } from '../evidence/types.js';
import { checklistPlan, planCoverage } from '../change/plan-cover.js';
import type { Repo } from '../git/repo.js';
import type { Style } from '../report/style.js';
import { flaggedUnits, writeFlags } from '../review/comeback.js';
import type { WalkItem } from '../review/moves.js';
import type { Unit } from '../review/state.js';
import { formatDuration } from '../run/duration.js';
import { serveReview } from '../review/web/server.js';
import { ReviewSession } from '../review/web/session.js';
import { VERSION } from '../version.js';

export interface WebOptions {
  readonly repo: Repo;
  readonly config: Config;
  readonly change: Change;
  readonly evidence: readonly EvidenceRecord[];
  readonly reviewed: ReadonlySet<string>;
  readonly items: readonly WalkItem[];
  readonly shown: readonly WalkItem[];
  readonly details: (u: Unit) => string[];
  readonly by: Person;
  readonly flagKeys: ReadonlySet<string>;
  readonly flagDir: string;
  readonly open: boolean;
  readonly idleMinutes: number;
  readonly style: Style;
}

/** The command that opens a browser on this platform. */
function opener(): [string, string[]] {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
}

async function planText(o: WebOptions): Promise<{ path: string; text: string } | null> {
  try {
    // The plan that covers this change (plan-cover.ts), shown beside the diff.
    const found = checklistPlan(await planCoverage(o.repo, o.config, o.change));
    if (!found) return null;
    const text = [`# ${found.plan.frontMatter.title}`, ...found.plan.sections.map((x) => `${'#'.repeat(x.level)} ${x.name}\n${x.body.trim()}`)].join('\n\n');
    return { path: found.path, text };
  } catch {
    // The plan gate reports a broken plan; the page simply shows none.
    return null;
  }
}

export async function reviewWeb(o: WebOptions): Promise<void> {
  if (!Number.isFinite(o.idleMinutes) || o.idleMinutes <= 0) throw new UserError(`--idle must be a number of minutes above 0, not "${o.idleMinutes}"`, 'reviewgate review --web --idle 30');
  const s = o.style;
  const flagged = flaggedUnits(o.items.map((it, i) => ({ id: String(i), item: it.item })), o.flagKeys);
  const session = new ReviewSession({ items: o.items, shown: o.shown, reviewed: o.reviewed, records: o.evidence, details: o.details, flagged, by: o.by, tool: VERSION, newId: newRecordId, plan: await planText(o) });
  const shownKeys = new Set(o.items.flatMap((it) => it.item.keys));
  const files: string[] = [];
  const served = await serveReview({
    session,
    idleMs: o.idleMinutes * 60_000,
    record: async (records) => {
      for (const f of await recordEvidence(o.repo, o.config, records)) if (!files.includes(f)) files.push(f);
    },
    saveFlags: (keys) => {
      try {
        writeFlags(o.flagDir, shownKeys, keys);
      } catch {
        // a flag is a bookmark; never fail an answer over it
      }
    },
  });
  const onSignal = () => served.stop('signal');
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const sig of signals) process.on(sig, onSignal);
  process.stdout.write(`Review page: ${s.bold(served.url)}\n${s.dim(`Only this address (with its token) opens it. It stops when the page is closed, after ${o.idleMinutes} idle minute(s), or on Ctrl-C; every answer is recorded as it is given.`)}\n`);
  if (o.open) {
    const [cmd, args] = opener();
    try {
      const child = spawn(cmd, [...args, served.url], { stdio: 'ignore', detached: true });
      child.on('error', () => process.stdout.write(`Could not open a browser (${cmd}); open the address above.\n`));
      child.unref();
    } catch {
      process.stdout.write(`Could not open a browser (${cmd}); open the address above.\n`);
    }
  }
  const reason = await served.stopped;
  for (const sig of signals) process.off(sig, onSignal);
  const why = { closed: 'the page was closed', idle: `no activity for ${o.idleMinutes} minute(s)`, signal: 'interrupted' }[reason];
  const p = session.overview().progress;
  process.stdout.write(`\nReview page stopped (${why}): ${served.answered()} answer(s) recorded in ${formatDuration(session.clock.totalMs)} active, lines reviewed ${p.done}/${p.total}${files.length ? s.dim(` — ${files.join(', ')} (staged)`) : ''}.\n`);
  if (p.done < p.total || session.overview().units.some((u) => u.owed > 0)) process.stdout.write(`Next: ${s.bold(o.change.kind === 'range' ? `reviewgate review --web --range ${o.change.spec}` : 'reviewgate review --web')} to go on, or ${s.bold('reviewgate review')} in the terminal\n`);
  else process.stdout.write(`Next: ${s.bold(o.change.kind === 'range' ? `reviewgate check --range ${o.change.spec}` : 'reviewgate check')}\n`);
}
