// npm's lockfile, reviewed by package instead of by line. A lockfile diff is thousands of lines
// nobody reads, and it is where dependency attacks hide: a `resolved` URL swapped to another host,
// or a new `integrity` at the same version. So each package added, removed or changed is one
// review item (name, old → new version, where it comes from, whether its integrity changed), bound
// to both sides' values; and the dangerous changes are reported as problems. Pure.
import { nonLineKey } from './keys.js';
import type { FileDiff, ReviewItem } from './model.js';

export interface LockedPackage {
  readonly name: string;
  readonly version: string | null;
  readonly resolved: string | null;
  readonly integrity: string | null;
  /** A workspace link (`link: true`): its `resolved` is a path in the repository. */
  readonly link: boolean;
}

export interface PackageChange {
  /** Where the package sits in the tree (`node_modules/a/node_modules/b`). */
  readonly at: string;
  readonly before: LockedPackage | null;
  readonly after: LockedPackage | null;
}

export type LockfileKind = 'npm' | 'yarn' | 'pnpm';

/** Which lockfile a path is (npm-shrinkwrap.json is npm's format, published with a package). */
export function lockfileKind(path: string): LockfileKind | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return 'npm';
  if (name === 'yarn.lock') return 'yarn';
  if (name === 'pnpm-lock.yaml') return 'pnpm';
  return null;
}

/** `@scope/name@^1.0.0` → `@scope/name`. */
const nameOf = (selector: string): string => {
  const at = selector.lastIndexOf('@');
  return at > 0 ? selector.slice(0, at) : selector;
};
const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/, '$1');

/**
 * yarn 1's lockfile: blocks of `"<selectors>":` followed by indented `version`, `resolved` and
 * `integrity` lines. Keyed by the selectors line, so a bump within the same range is one change.
 * yarn 2+ files (`__metadata:`) hold no URLs and are left to line review (null).
 */
export function parseYarnLockfile(text: string): Map<string, LockedPackage> | null {
  const out = new Map<string, LockedPackage>();
  let key: string | null = null;
  let fields: Record<string, string> = {};
  const flush = () => {
    if (key === null) return;
    const first = unquote(key.split(',')[0] ?? key);
    out.set(key, { name: nameOf(first), version: fields.version ?? null, resolved: fields.resolved ?? null, integrity: fields.integrity ?? null, link: false });
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('__metadata:')) return null;
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      if (!line.endsWith(':')) return null;
      flush();
      key = line.slice(0, -1);
      fields = {};
      continue;
    }
    const match = /^ {2}(version|resolved|integrity) (.+)$/.exec(line);
    if (match) fields[match[1] as string] = unquote(match[2] as string);
  }
  flush();
  return out;
}

/**
 * pnpm's lockfile (YAML): `packages:` keyed `/name@1.0.0` (v6), `name@1.0.0` (v9) or
 * `/name/1.0.0` (v5), each with `resolution: { integrity, tarball? }`. A registry package has no
 * URL (pnpm fetches it from the configured registry); a `tarball` is checked like `resolved`.
 */
export function pnpmPackages(data: unknown): Map<string, LockedPackage> | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const packages = (data as { packages?: unknown }).packages ?? {};
  if (packages === null || typeof packages !== 'object' || Array.isArray(packages)) return null;
  const out = new Map<string, LockedPackage>();
  for (const [key, raw] of Object.entries(packages as Record<string, unknown>)) {
    const p = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const resolution = p.resolution !== null && typeof p.resolution === 'object' ? (p.resolution as Record<string, unknown>) : {};
    const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
    const v5 = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^/]*)$/.exec(bare);
    const name = str(p.name) ?? (v5 ? (v5[1] as string) : nameOf(bare));
    const version = str(p.version) ?? (v5 ? (v5[2] as string) : bare.slice(nameOf(bare).length + 1) || null);
    out.set(key, { name, version, resolved: str(resolution.tarball), integrity: str(resolution.integrity), link: false });
  }
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The packages of a lockfile (v2/v3 `packages`, or v1 `dependencies`); null when it is not one. */
export function parseNpmLockfile(text: string): Map<string, LockedPackage> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const root = data as { packages?: unknown; dependencies?: unknown };
  const out = new Map<string, LockedPackage>();
  if (root.packages !== undefined) {
    if (root.packages === null || typeof root.packages !== 'object') return null;
    for (const [at, raw] of Object.entries(root.packages as Record<string, unknown>)) {
      if (at === '' || raw === null || typeof raw !== 'object') continue; // "" is the project itself
      const p = raw as Record<string, unknown>;
      const name = str(p.name) ?? at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length);
      out.set(at, { name, version: str(p.version), resolved: str(p.resolved), integrity: str(p.integrity), link: p.link === true });
    }
    return out;
  }
  // lockfileVersion 1: nested `dependencies`.
  const walk = (deps: unknown, prefix: string): boolean => {
    if (deps === undefined) return true;
    if (deps === null || typeof deps !== 'object') return false;
    for (const [name, raw] of Object.entries(deps as Record<string, unknown>)) {
      if (raw === null || typeof raw !== 'object') return false;
      const p = raw as Record<string, unknown>;
      const at = `${prefix}node_modules/${name}`;
      const version = str(p.version);
      const local = version?.startsWith('file:') === true;
      out.set(at, { name, version, resolved: str(p.resolved), integrity: str(p.integrity), link: local });
      if (!walk(p.dependencies, `${at}/`)) return false;
    }
    return true;
  };
  return walk(root.dependencies, '') ? out : null;
}

const same = (a: LockedPackage, b: LockedPackage) =>
  a.name === b.name && a.version === b.version && a.resolved === b.resolved && a.integrity === b.integrity && a.link === b.link;

export function packageChanges(before: ReadonlyMap<string, LockedPackage>, after: ReadonlyMap<string, LockedPackage>): PackageChange[] {
  const out: PackageChange[] = [];
  for (const at of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(at) ?? null;
    const a = after.get(at) ?? null;
    if (b && a && same(a, b)) continue;
    out.push({ at, before: b, after: a });
  }
  return out;
}

export function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function summary(c: PackageChange): string {
  const { before: b, after: a } = c;
  const from = (p: LockedPackage) => (p.link ? 'a workspace link' : (hostOf(p.resolved) ?? p.resolved ?? 'no resolved URL'));
  if (!b && a) return `package ${a.name} ${a.version ?? '?'} added (from ${from(a)})`;
  if (b && !a) return `package ${b.name} ${b.version ?? '?'} removed`;
  const pa = a as LockedPackage;
  const pb = b as LockedPackage;
  const parts = [`package ${pa.name} ${pb.version ?? '?'} → ${pa.version ?? '?'}`];
  if (from(pa) !== from(pb)) parts.push(`from ${from(pb)} → ${from(pa)}`);
  else parts.push(`from ${from(pa)}`);
  if (pa.integrity !== pb.integrity) parts.push('integrity changed');
  return parts.join(', ');
}

/** One review item per package change, bound to both sides' values (a later edit voids the review). */
export function packageItems(file: FileDiff, changes: readonly PackageChange[]): ReviewItem[] {
  const fields = (p: LockedPackage | null) => (p ? [p.name, p.version, p.resolved, p.integrity, p.link ? 'link' : null] : [null, null, null, null, null]);
  return changes.map((c) => ({
    kind: 'package' as const,
    path: file.path,
    file,
    hunk: null,
    lines: [],
    keys: [nonLineKey('package', file.path, c.at, ...fields(c.before), ...fields(c.after))],
    summary: summary(c),
  }));
}

/** What a changed lockfile entry does that blocks it (report/wording.ts says them). */
export type LockfileProblem =
  | { readonly code: 'review.lockfile_insecure'; readonly label: string; readonly resolved: string }
  | { readonly code: 'review.lockfile_registry'; readonly label: string; readonly host: string; readonly registries: readonly string[] }
  | { readonly code: 'review.lockfile_integrity'; readonly label: string };

/**
 * What blocks: a package now fetched from a host outside `registries` (hosts), over anything but
 * https, or with a new integrity at the same version (the same release with other bytes).
 */
export function lockfileProblems(path: string, changes: readonly PackageChange[], registries: readonly string[]): LockfileProblem[] {
  const out: LockfileProblem[] = [];
  for (const { before: b, after: a } of changes) {
    if (!a || a.link || a.resolved === null) continue;
    const label = `${path}: ${a.name} ${a.version ?? ''}`.trim();
    const changedSource = !b || b.resolved !== a.resolved;
    if (changedSource) {
      let protocol: string | null = null;
      try {
        protocol = new URL(a.resolved).protocol;
      } catch {
        protocol = null;
      }
      const host = hostOf(a.resolved);
      if (protocol !== 'https:') {
        out.push({ code: 'review.lockfile_insecure', label, resolved: a.resolved });
      } else if (host === null || !registries.includes(host)) {
        out.push({ code: 'review.lockfile_registry', label, host: host ?? a.resolved, registries });
      }
    }
    if (b && b.name === a.name && b.version === a.version && b.integrity !== null && b.integrity !== a.integrity) {
      out.push({ code: 'review.lockfile_integrity', label });
    }
  }
  return out;
}
