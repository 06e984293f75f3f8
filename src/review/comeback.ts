// "Flag: come back" marks, kept between review sessions. A flag is a reader's bookmark, neither
// evidence of review nor a concern: it never reaches the evidence folder or the gate. It lives in
// `<git common dir>/reviewgate/flags.json` as the keys of the flagged units (so a flag follows
// the content through a rebase, like a review does). A missing or corrupt file is no flags.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'flags.json';

export function readFlags(dir: string): Set<string> {
  try {
    const value = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as unknown;
    return new Set(Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Replaces the flags of the keys this session showed: `shown` keys are dropped, then `flagged` added. */
export function writeFlags(dir: string, shown: ReadonlySet<string>, flagged: Iterable<string>): void {
  const keep = [...readFlags(dir)].filter((k) => !shown.has(k));
  const next = new Set([...keep, ...flagged]);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify([...next]));
  renameSync(tmp, join(dir, FILE));
}

/** Ids of the units carrying a flagged key. */
export function flaggedUnits(units: readonly { id: string; item: { keys: readonly string[] } }[], flags: ReadonlySet<string>): Set<string> {
  return new Set(units.filter((u) => u.item.keys.some((k) => flags.has(k))).map((u) => u.id));
}
