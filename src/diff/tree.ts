// The tree fingerprint: what "it ran on this content" is bound to. The same (mode, id, path)
// triples come from the index (`ls-files -s`) and from a commit (`ls-tree -r`), so a run recorded
// on the staged tree matches the commit made from it, and a rebase landing on the same tree keeps
// it. The evidence folder is left out: recording evidence must never invalidate evidence.
import { createHash } from 'node:crypto';
import type { TreeEntry } from '../git/reader.js';
import { hasRawBytes, pathBytes } from '../git/paths.js';

/**
 * True for the files reviewgate itself keeps in the evidence folder: `plans/<name>.md`,
 * `evidence/<name>.jsonl` and the folder's `.gitattributes`, as regular files. Only these are
 * exempt from review and left out of the tree fingerprint; anything else placed in the folder
 * (`.reviewgate/helper.js`, a symlink) is an ordinary file: reviewed, fingerprinted, and seen by
 * `run`'s dirty check. `mode` null or undefined: unknown (a work-tree listing), judged by the path.
 */
export function isEvidenceFile(path: string, mode: string | null | undefined, evidenceDir: string): boolean {
  if (mode && mode !== '100644' && mode !== '100755') return false;
  const dir = evidenceDir.replace(/\/+$/, '');
  if (!path.startsWith(`${dir}/`)) return false;
  const rest = path.slice(dir.length + 1);
  return rest === '.gitattributes' || /^plans\/[^/]+\.md$/.test(rest) || /^evidence\/[^/]+\.jsonl$/.test(rest);
}

export function treeFingerprint(entries: readonly TreeEntry[], evidenceDir: string): string {
  // Only paths inside the folder can be evidence: one string test for the rest of the repository.
  const prefix = `${evidenceDir.replace(/\/+$/, '')}/`;
  const kept = entries.filter((e) => !(e.path.startsWith(prefix) && isEvidenceFile(e.path, e.mode, evidenceDir)));
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Hashed as `<mode> <oid> <path bytes>\0` per entry, a thousand entries to a string (the index
  // of a large repository has a hundred thousand entries, and `check` runs on every commit).
  const hash = createHash('sha256');
  let text = '';
  let n = 0;
  for (const e of kept) {
    // The path's exact bytes: names differing only in bytes that are not UTF-8 stay apart.
    if (hasRawBytes(e.path)) {
      hash.update(`${text}${e.mode} ${e.oid} `, 'utf8');
      hash.update(pathBytes(e.path));
      text = '\0';
    } else text += `${e.mode} ${e.oid} ${e.path}\0`;
    if (++n % 1000 === 0) {
      hash.update(text, 'utf8');
      text = '';
    }
  }
  hash.update(text, 'utf8');
  return hash.digest('hex');
}
