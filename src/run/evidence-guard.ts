// `run` records only what the commands did. A command (a test, a postinstall script, an AI agent's
// helper) could write review or plan records into the evidence folder, or stage them, while it
// runs; then `run` would stage them with its own and `review` would never have run. So the
// evidence files (work tree and index) are read before the commands start and compared after:
// whatever the commands wrote is put back as it was, and the run is void.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isEvidenceFile } from '../diff/tree.js';
import { writeFileAtomic } from '../evidence/store.js';
import { splitZ, type Git } from '../git/exec.js';

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
  // `ls-files -s -z`: `<mode> SP <oid> SP <stage> TAB <path> NUL`.
  for (const record of splitZ((await git.run(['ls-files', '-s', '-z', '--full-name', '--', evidenceDir])).stdout)) {
    const tab = record.indexOf('\t');
    const path = record.slice(tab + 1);
    if (keep(path)) index.set(path, record.slice(0, tab));
  }
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
      const reindex: string[] = [];
      const unstage: string[] = [];
      for (const path of new Set([...before.index.keys(), ...after.index.keys()])) {
        const old = before.index.get(path);
        if (old === after.index.get(path)) continue;
        touched.add(path);
        if (old) {
          const [mode, oid] = old.split(' ');
          reindex.push(`${mode} ${oid}\t${path}`);
        } else unstage.push(path);
      }
      if (unstage.length > 0) await git.run(['rm', '-q', '--cached', '--ignore-unmatch', '--', ...unstage]);
      if (reindex.length > 0) await git.run(['update-index', '-z', '--index-info'], { input: reindex.map((l) => `${l}\0`).join('') });
      return [...touched].sort();
    },
  };
}
