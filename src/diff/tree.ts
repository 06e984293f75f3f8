// The tree fingerprint: what "it ran on this content" is bound to. The same (mode, id, path)
// triples come from the index (`ls-files -s`) and from a commit (`ls-tree -r`), so a run recorded
// on the staged tree matches the commit made from it, and a rebase landing on the same tree keeps
// it. The evidence folder is left out: recording evidence must never invalidate evidence.
import { createHash } from 'node:crypto';
import type { TreeEntry } from '../git/reader.js';
import { pathBytes } from '../git/paths.js';

export function isEvidencePath(path: string, evidenceDir: string): boolean {
  const dir = evidenceDir.replace(/\/+$/, '');
  return path === dir || path.startsWith(`${dir}/`);
}

export function treeFingerprint(entries: readonly TreeEntry[], evidenceDir: string): string {
  const kept = entries.filter((e) => !isEvidencePath(e.path, evidenceDir));
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  // The path's exact bytes: names differing only in bytes that are not UTF-8 stay apart.
  for (const e of kept) hash.update(Buffer.concat([Buffer.from(`${e.mode} ${e.oid} `), pathBytes(e.path), Buffer.from([0])]));
  return hash.digest('hex');
}
