// `run` records only what the commands did. A command (a test, a postinstall script, an AI agent's
// helper) could write review or plan records into the evidence folder, or stage them, while it
// runs; then `run` would stage them with its own and `review` would never have run. So the
// evidence files (work tree and index) are read before the commands start and compared after:
// whatever the commands wrote is put back as it was, and the run is void.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isEvidenceFile } from '../diff/tree.js';
import { writeFileAtomic } from '../evidence/store.js';
import type { Git } from '../git/exec.js';
import { indexEntriesUnder, setIndexEntries, type IndexEntry } from '../git/index-entries.js';
import { unstagePaths } from '../git/worktree.js';

interface Snapshot {
  /** Work-tree bytes of each evidence file. */
  readonly files: Map<string, Buffer>;
  /** Index entries (`<mode> <oid> <stage>`) of each evidence file. */
  readonly index: Map<string, string>;
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(join(root, dir), { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => `${d.parentPath.slice(root.length + 1).split('\\').join('/')}/${d.name}`);
  } catch {
    return [];
  }
  return names;
}

async function take(git: Git, root: string, evidenceDir: string): Promise<Snapshot> {
  const keep = (p: string) => isEvidenceFile(p, undefined, evidenceDir);
  const files = new Map<string, Buffer>();
  for (const path of (await listFiles(root, evidenceDir)).filter(keep)) files.set(path, await readFile(join(root, path)));
  const index = new Map<string, string>();
  for (const e of await indexEntriesUnder(git, evidenceDir)) if (keep(e.path)) index.set(e.path, `${e.mode} ${e.oid} ${e.stage}`);
  return { files, index };
}

export interface EvidenceGuard {
  /** Puts back what changed since the guard was taken; returns the paths it put back. */
  restore(): Promise<string[]>;
}

export async function guardEvidence(git: Git, root: string, evidenceDir: string): Promise<EvidenceGuard> {
  const before = await take(git, root, evidenceDir);
  return {
    async restore() {
      const after = await take(git, root, evidenceDir);
      const touched = new Set<string>();
      for (const path of new Set([...before.files.keys(), ...after.files.keys()])) {
        const old = before.files.get(path);
        const now = after.files.get(path);
        if (old && now && old.equals(now)) continue;
        touched.add(path);
        if (old) {
          await mkdir(dirname(join(root, path)), { recursive: true });
          await writeFileAtomic(join(root, path), old);
        } else await rm(join(root, path), { force: true });
      }
      const reindex: IndexEntry[] = [];
      const unstage: string[] = [];
      for (const path of new Set([...before.index.keys(), ...after.index.keys()])) {
        const old = before.index.get(path);
        if (old === after.index.get(path)) continue;
        touched.add(path);
        if (old) {
          const [mode, oid] = old.split(' ');
          reindex.push({ mode: mode as string, oid: oid as string, path });
        } else unstage.push(path);
      }
      await unstagePaths(git, unstage);
      if (reindex.length > 0) await setIndexEntries(git, reindex);
      return [...touched].sort();
    },
  };
}
