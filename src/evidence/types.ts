// Evidence records: one JSON object per line in `<evidence_dir>/evidence/<branch>.jsonl`.
// Each record is self-contained; the store is a set (duplicates from union merges are harmless).

export interface Person {
  readonly name: string;
  readonly email: string;
}

interface RecordBase {
  /** Record format version. */
  readonly v: 1;
  /** Random id, unique per record (concerns are resolved by id). */
  readonly id: string;
  /** ISO 8601 time of recording. */
  readonly at: string;
  readonly by: Person;
  /** The tool version that wrote it. */
  readonly tool: string;
}

/** A person accepted these keys (hunks' line keys and non-line keys). */
export interface ReviewRecord extends RecordBase {
  readonly type: 'review';
  /** 'terminal' when answered on a terminal, 'web' on the local review page, 'piped' when answers came from stdin. */
  readonly mode: 'terminal' | 'piped' | 'web';
  readonly keys: readonly string[];
  /** Active time spent, in milliseconds. */
  readonly durationMs: number;
  /** Number of changed lines the accepted keys cover. */
  readonly lines: number;
  /**
   * Active time per accepted item, in the order answered; `content` holds hashes of the accepted
   * lines' (path, side, text), so a later review can tell an edited line from one whose neighbour changed.
   * `move` marks a block confirmed as moved verbatim ("moved from path:line, unchanged"): its
   * keys are the block's lines at the new and the old place; its `lines` is 0 (one key confirmed
   * it, so it takes no part in the pace) and `move.lines` counts them.
   */
  readonly items?: { keys: string[]; lines: number; activeMs: number; content?: string[]; move?: { from: string; line: number; lines: number } }[];
}

/** A note or a concern written on a hunk. A concern blocks the review gate until resolved. */
export interface CommentRecord extends RecordBase {
  readonly type: 'note' | 'concern';
  /** The keys of the hunk it was written on. */
  readonly keys: readonly string[];
  readonly path: string;
  readonly line: number | null;
  readonly text: string;
}

export interface ResolveRecord extends RecordBase {
  readonly type: 'resolve';
  /** The id of the concern resolved. */
  readonly concern: string;
  readonly text: string;
}

/** One command run against one tree fingerprint. */
export interface RunRecord extends RecordBase {
  readonly type: 'run';
  /** Tree fingerprint (evidence folder excluded). */
  readonly tree: string;
  readonly command: string;
  readonly exitCode: number | null;
  /** Signal that killed the command, if any. */
  readonly signal: string | null;
  readonly durationMs: number;
  /** True when the command changed tracked files: the run does not count. */
  readonly void: boolean;
  readonly changed: readonly string[];
  readonly node: string;
  readonly platform: string;
  /** Run in a temporary worktree of exactly the judged tree (--isolated). */
  readonly isolated?: boolean;
  /** The command was killed for exceeding run.timeout. */
  readonly timedOut?: boolean;
  /** The last lines of the command's output, secrets masked. */
  readonly output?: string[];
}

export type EvidenceRecord = ReviewRecord | CommentRecord | ResolveRecord | RunRecord;

/** All evidence read for one check, with where each record came from (for error messages). */
export interface EvidenceSet {
  readonly records: readonly EvidenceRecord[];
  /** Paths of the evidence files read, relative to the repository root. */
  readonly files: readonly string[];
}
