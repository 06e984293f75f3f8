// A change that edits the configuration: judged by the rules already there (rules.ts), with one
// finding that names what the new rules would loosen, so the person reviewing those lines knows
// what they are accepting. The new configuration must itself be valid, and may not name an
// evidence folder that holds anything but evidence (`evidence_dir: lib` would exempt a source
// folder from review, fingerprints and tests once it landed).
import { ConfigFileError, defaultRules, parseConfigText } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { isEvidenceFile } from '../diff/tree.js';
import type { Finding } from '../gates/types.js';
import { configChanged } from '../report/wording.js';
import type { Repo } from '../git/repo.js';
import type { Change } from './change.js';
import { readBlobAt, type Rules } from './rules.js';

export interface ConfigChange {
  /** The configuration the change proposes (the defaults when it deletes the file). */
  readonly proposed: Config;
  readonly finding: Finding;
}

/** Null when the change leaves the configuration file alone. */
export async function judgeConfigChange(repo: Repo, rules: Rules, change: Change): Promise<ConfigChange | null> {
  const path = rules.path;
  if (path === null || !change.files.some((f) => f.path === path)) return null;
  const spec = change.kind === 'staged' ? `:${path}` : `${change.head ?? ''}:${path}`;
  const blob = await readBlobAt(repo.git, spec);
  const text = blob?.toString('utf8') ?? null;
  const proposed = text === null ? (await defaultRules(repo.cacheDir)).config : (await parseConfigText(text, path, repo.cacheDir)).config;
  // A folder named for the first time (adoption, or the rules come from the index itself) or anew.
  const fresh = rules.text === null || rules.from === 'the index';
  if (text !== null && (fresh || proposed.evidence_dir !== rules.config.evidence_dir)) {
    await refuseSharedEvidenceDir(change, path, text, proposed.evidence_dir);
  }
  const loosened = fresh ? [] : (await import('../config/loosen.js')).loosenings(rules.config, proposed);
  return {
    proposed,
    finding: configChanged({ path, deleted: text === null, loosened, rulesFrom: rules.from, staged: change.kind === 'staged', spec: change.spec ?? undefined }),
  };
}

/** Exit 2 when the proposed evidence folder already holds files that are not plans or evidence. */
async function refuseSharedEvidenceDir(change: Change, file: string, text: string, dir: string): Promise<void> {
  const prefix = `${dir}/`;
  const others = (await change.reader.entries()).filter((e) => e.path.startsWith(prefix) && !isEvidenceFile(e.path, e.mode, dir));
  const first = others[0];
  if (!first) return;
  const { locateInConfig } = await import('../config/validate.js');
  const more = others.length > 1 ? ` and ${others.length - 1} more` : '';
  throw new ConfigFileError(
    [
      {
        file,
        ...locateInConfig(text, ['evidence_dir']),
        path: 'evidence_dir',
        message: `names ${dir}, which holds ${first.path}${more}: the evidence folder may hold only reviewgate's plans and evidence (its files are exempt from review)`,
        fix: 'give the evidence a folder of its own, e.g. `evidence_dir: .reviewgate`',
      },
    ],
    'give the evidence a folder of its own, e.g. `evidence_dir: .reviewgate`',
  );
}
