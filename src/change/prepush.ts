// `check --pre-push`: judge every commit being pushed that the remote does not have.
//
// git runs the pre-push hook with `<remote name> <url>` as arguments and one line per ref on
// stdin: `<local ref> SP <local oid> SP <remote ref> SP <remote oid> LF` (githooks(5)). An all-zero
// local oid is a delete; an all-zero remote oid a ref the remote does not have yet. Ids are 40
// (SHA-1) or 64 (SHA-256) hex digits. The local ref is informational (it may be an expression such
// as `HEAD~1:x`): only the oid is used.
//
// Tags are judged like branches, on the commit they point at (an annotated tag is peeled): a tag
// whose commits the remote already has is nothing to judge, one that points at unpushed commits
// gets them judged. A tag of a tree or blob has no commits and is skipped with a note.
import { GATE_IDS } from '../gates/ids.js';
import { UserError } from '../errors.js';
import type { Finding, GateResult } from '../gates/types.js';
import type { Git } from '../git/exec.js';
import { commitsToPush, mergeBase } from '../git/history.js';
import { openRepo } from '../git/repo.js';
import { commitId } from '../git/target.js';
import type { CommitsTarget } from './change.js';
import { runCheck, type CheckOptions, type CheckReport } from './evaluate.js';

export interface PushLine {
  readonly localRef: string;
  readonly localOid: string;
  readonly remoteRef: string;
  readonly remoteOid: string;
}

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export const isZeroOid = (oid: string): boolean => OID.test(oid) && /^0+$/.test(oid);

/** Parses git's pre-push stdin; blank lines are ignored, anything else malformed is an error. */
export function parsePushLines(text: string): PushLine[] {
  const lines: PushLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const parts = raw.split(' ');
    const [localRef, localOid, remoteRef, remoteOid] = parts;
    if (parts.length !== 4 || !localRef || !remoteRef || !OID.test(localOid ?? '') || !OID.test(remoteOid ?? '')) {
      throw new UserError(
        `pre-push input line ${i + 1} is not "<local ref> <local oid> <remote ref> <remote oid>": ${JSON.stringify(raw)}`,
        'reviewgate check --pre-push is meant to be run by the pre-push hook (reviewgate hooks install --pre-push)',
      );
    }
    lines.push({ localRef, localOid: localOid as string, remoteRef, remoteOid: remoteOid as string });
  });
  return lines;
}

/** `refs/heads/x` → `x`, `refs/tags/v1` → `tag v1`: how findings name the ref they belong to. */
export function refLabel(ref: string): string {
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  if (ref.startsWith('refs/tags/')) return `tag ${ref.slice('refs/tags/'.length)}`;
  return ref;
}

interface PushTarget {
  readonly ref: string;
  readonly target: CommitsTarget;
}

/** The commits each pushed ref brings that the remote lacks, oldest first. */
async function pushTargets(git: Git, remote: string, lines: readonly PushLine[], notes: string[]): Promise<PushTarget[]> {
  const targets: PushTarget[] = [];
  for (const line of lines) {
    const label = refLabel(line.remoteRef);
    if (isZeroOid(line.localOid)) {
      notes.push(`${label}: deleted on the remote, nothing to judge`);
      continue;
    }
    const head = await commitId(git, line.localOid);
    if (!head) {
      notes.push(`${label}: points at no commit (a tag of a tree or blob), nothing to judge`);
      continue;
    }
    // A remote id we do not have locally (someone else pushed, we did not fetch) cannot be a
    // range start: judge what none of the remote's known refs reach, as for a new branch.
    const known = isZeroOid(line.remoteOid) ? null : await commitId(git, line.remoteOid);
    const commits = await commitsToPush(git, head, known, remote);
    const base = known ?? boundary(commits);
    // The rules: the remote's current value of the ref; for a new branch, those of its merge base
    // with the remote's default branch (what the pull request will be judged against), else of
    // the commit the pushed ones grow from.
    const rulesBase = known ?? (await defaultBranchBase(git, remote, head)) ?? base ?? firstOutsideParent(commits);
    targets.push({ ref: line.remoteRef, target: { kind: 'commits', spec: base ? `${base}..${head}` : head, base, head, commits, rulesBase, ref: line.remoteRef } });
  }
  return targets;
}

/** The merge base of `head` with `<remote>/HEAD` (else `<remote>/main`, `<remote>/master`), if any. */
async function defaultBranchBase(git: Git, remote: string, head: string): Promise<string | null> {
  for (const ref of [`refs/remotes/${remote}/HEAD`, `refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`]) {
    const id = await commitId(git, ref);
    if (!id) continue;
    return mergeBase(git, id, head);
  }
  return null;
}

/** The first parent, outside the pushed set, of the oldest pushed commit that has one. */
function firstOutsideParent(commits: readonly { id: string; parents: readonly string[] }[]): string | null {
  const inside = new Set(commits.map((c) => c.id));
  for (const c of commits) {
    const outside = c.parents.find((p) => !inside.has(p));
    if (outside) return outside;
  }
  return null;
}

/** The one parent outside the set that the commits grow from, if there is exactly one. */
function boundary(commits: readonly { id: string; parents: readonly string[] }[]): string | null {
  const inside = new Set(commits.map((c) => c.id));
  const outside = new Set(commits.flatMap((c) => c.parents.filter((p) => !inside.has(p))));
  return outside.size === 1 ? ([...outside][0] as string) : null;
}

export interface PrePushOptions extends Omit<CheckOptions, 'target'> {
  readonly remote: string;
  /** git's stdin: the ref lines (empty when there is nothing, or stdin is a terminal). */
  readonly input: string;
}

/** Judges every pushed range (each on its own commits and evidence) and combines the reports. */
export async function runPrePush(options: PrePushOptions): Promise<CheckReport> {
  const lines = parsePushLines(options.input);
  const notes: string[] = [];
  if (lines.length === 0) notes.push('no refs on stdin: nothing to judge');
  const repo = await openRepo(options.cwd);
  const targets = await pushTargets(repo.git, options.remote, lines, notes);
  const parts: { ref: string; report: CheckReport }[] = [];
  for (const t of targets) parts.push({ ref: t.ref, report: await runCheck({ ...options, target: t.target }) });
  return combineReports(parts, notes);
}

/** One report for several refs: a gate holds when it holds for every ref; findings name their ref. */
export function combineReports(parts: readonly { ref: string; report: CheckReport }[], notes: readonly string[]): CheckReport {
  const several = parts.length > 1;
  const allNotes = several ? [`judged ${parts.length} refs: ${parts.map((p) => refLabel(p.ref)).join(', ')}`, ...notes] : [...notes];
  for (const { ref, report } of parts) for (const n of report.notes) allNotes.push(several ? `${refLabel(ref)}: ${n}` : n);
  const judged = parts.filter((p) => p.report.skipped === null);
  const unique = [...new Set(allNotes)];
  if (judged.length === 0) {
    const only = parts.length === 1 ? parts[0]?.report : undefined;
    const target = only?.target ?? { kind: 'range' as const, base: null, head: null };
    if (parts.length === 0 && notes.length === 0) unique.push('nothing to push: nothing to judge');
    return { ok: true, target, gates: [], notes: unique, skipped: only?.skipped ?? 'no-commits' };
  }
  const gates: GateResult[] = [];
  for (const id of GATE_IDS) {
    const mine = judged.flatMap(({ ref, report }) => report.gates.filter((g) => g.id === id).map((g) => ({ ref, g })));
    const first = mine[0];
    if (!first) continue;
    const tag = (ref: string) => (judged.length > 1 ? `[${refLabel(ref)}] ` : '');
    const findings: Finding[] = mine.flatMap(({ ref, g }) => g.findings.map((f) => ({ ...f, message: `${tag(ref)}${f.message}` })));
    gates.push({
      id,
      ok: mine.every(({ g }) => g.ok),
      required: mine.some(({ g }) => g.required),
      summary: judged.length > 1 ? mine.map(({ ref, g }) => `${refLabel(ref)}: ${g.summary}`).join('; ') : first.g.summary,
      findings,
    });
  }
  const target = judged.length === 1 ? (judged[0] as (typeof judged)[number]).report.target : { kind: 'range' as const, base: null, head: null };
  return { ok: judged.every((p) => p.report.ok), target, gates, notes: unique, skipped: null };
}
