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
  const kept = entries.filter((e) => !isEvidenceFile(e.path, e.mode, evidenceDir));
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = createHash('sha256');
  // `<mode> <id> <path bytes>\0` per entry. The path's exact bytes: names differing only in bytes
  // that are not UTF-8 stay apart. Entries whose path is valid UTF-8 (nearly all) are hashed as one
  // string: the same bytes, without three buffers per entry (this runs on every full check).
  let text = '';
  for (const e of kept) {
    if (!hasRawBytes(e.path)) {
      text += `${e.mode} ${e.oid} ${e.path}\0`;
      continue;
    }
    hash.update(text, 'utf8');
    text = '';
    hash.update(Buffer.concat([Buffer.from(`${e.mode} ${e.oid} `), pathBytes(e.path), Buffer.from([0])]));
  }
  hash.update(text, 'utf8');
  return hash.digest('hex');
}
