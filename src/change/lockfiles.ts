// Lockfiles in the change (npm, yarn 1, pnpm): reviewed package by package (src/diff/lockfile.ts), with the
// packages' sources checked against the allowed registries. Those default to what the
// repository's `.npmrc` names (`registry=`, `@scope:registry=`), read like the configuration from
// before the change, else registry.npmjs.org: a change cannot allow its own registry.
import type { Config } from '../config/schema.js';
import { hostOf, lockfileKind, lockfileProblems, packageChanges, packageItems, parseNpmLockfile, parseYarnLockfile, pnpmPackages, type LockedPackage, type LockfileKind } from '../diff/lockfile.js';
import type { FileDiff, ReviewItem } from '../diff/model.js';
import type { Finding } from '../gates/types.js';
import { lockfileProblem } from '../report/wording.js';
import { readObjects } from '../git/content.js';
import type { Git } from '../git/exec.js';

const NPM_REGISTRY = 'registry.npmjs.org';
/** yarn 1's built-in default registry (a mirror of npm's), allowed by default in yarn.lock. */
const YARN_REGISTRY = 'registry.yarnpkg.com';

async function parseLockfile(kind: LockfileKind, text: string): Promise<Map<string, LockedPackage> | null> {
  if (kind === 'npm') return parseNpmLockfile(text);
  if (kind === 'yarn') return parseYarnLockfile(text);
  const { parse } = await import('yaml');
  try {
    return pnpmPackages(parse(text, { maxAliasCount: 100 }));
  } catch {
    return null;
  }
}

/** The hosts of the registries an `.npmrc` names (`registry=…`, `@scope:registry=…`). */
export function npmrcRegistries(text: string): string[] {
  const hosts: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:@[^:\s]+:)?registry\s*=\s*(\S+)\s*$/.exec(raw);
    const host = match ? hostOf(match[1] ?? null) : null;
    if (host) hosts.push(host);
  }
  return hosts;
}

export interface LockfileReview {
  /** Package items that replace a lockfile's line items. */
  readonly items: Map<FileDiff, ReviewItem[]>;
  readonly findings: Finding[];
}

/**
 * `npmrc`: where the rules' `.npmrc` is (`<rev>:.npmrc`, or `:.npmrc` for the index). A lockfile
 * that does not parse on either side keeps its line review (fail closed: every line is read).
 */
export async function reviewLockfiles(git: Git, files: readonly FileDiff[], config: Config, npmrc: () => string): Promise<LockfileReview> {
  const review: LockfileReview = { items: new Map(), findings: [] };
  const candidates = files.filter((f) => lockfileKind(f.path) !== null && f.status !== 'deleted' && !f.binary && f.newOid !== null);
  if (candidates.length === 0) return review;
  const names = candidates.flatMap((f) => [f.oldOid ?? '', f.newOid ?? '']);
  const blobs = await readObjects(git, [...names.map((n) => n || 'missing-object'), npmrc()]);
  const allowed = config.review.lockfile.registries?.map((r) => hostOf(r) ?? hostOf(`https://${r}`) ?? r);
  const fromNpmrc = npmrcRegistries(blobs[names.length]?.toString('utf8') ?? '');
  const registries = allowed ?? (fromNpmrc.length > 0 ? fromNpmrc : [NPM_REGISTRY]);
  for (const [i, file] of candidates.entries()) {
    const kind = lockfileKind(file.path) as LockfileKind;
    const oldBlob = file.oldOid === null ? null : (blobs[2 * i] ?? null);
    const newBlob = blobs[2 * i + 1] ?? null;
    const before = oldBlob === null ? (file.oldOid === null ? new Map<string, LockedPackage>() : null) : await parseLockfile(kind, oldBlob.toString('utf8'));
    const after = newBlob === null ? null : await parseLockfile(kind, newBlob.toString('utf8'));
    if (before === null || after === null) continue;
    const changes = packageChanges(before, after);
    review.items.set(file, packageItems(file, changes));
    const hosts = kind === 'yarn' && allowed === undefined ? [...registries, YARN_REGISTRY] : registries;
    for (const p of lockfileProblems(file.path, changes, hosts)) {
      review.findings.push(lockfileProblem(p, file.path));
    }
  }
  return review;
}
