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
  /** The AI coding agent whose shell recorded it (only where review.agent lets it count). */
  readonly agent?: string;
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
  /** Per accepted item; `keys` only in records written before they were kept once, at the top. */
  readonly items?: { keys?: string[]; n?: number; lines: number; activeMs: number; content?: string[]; pages?: PageShown[]; move?: { from: string; line: number; lines: number } }[];
  /** How the keys of a terminal review arrived (src/review/input.ts): what tells a person from a program. */
  readonly input?: KeyTiming;
}

/** One stretch of a hunk that was on screen: its rows (1-based, inclusive) and the active time it was shown. */
export interface PageShown {
  readonly from: number;
  readonly to: number;
  readonly ms: number;
}

export interface KeyTiming {
  /** Keys pressed on the walker's screens (text typed into a prompt is not counted). */
  readonly keys: number;
  /** Keys that arrived before the screen they acted on was drawn (read together with an earlier key). */
  readonly ahead: number;
  /** Keys that came less than KEY_BURST_MS after the one before, faster than keyboards type or repeat. */
  readonly burst: number;
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

/**
 * An SSH signature over the records one producer wrote in one session (evidence.sign: ssh): `by`
 * is the signer, whose email is the principal looked up in the allowed-signers file. The signed
 * message lists each record's id and the SHA-256 of its canonical encoding (src/sign/canonical.ts).
 */
export interface SignatureRecord extends RecordBase {
  readonly type: 'signature';
  /** `reviewgate-review` (reviews, notes, concerns, resolutions) or `reviewgate-run`. */
  readonly namespace: string;
  readonly records: readonly { id: string; sha256: string }[];
  /** The armored `ssh-keygen -Y sign` signature. */
  readonly signature: string;
}

/**
 * A risk the AI advisor flagged on some changed lines (recorded by `review` with ai.review: on).
 * Advice only: it satisfies nothing; with ai.acknowledge: required it blocks until answered.
 */
export interface FlagRecord extends RecordBase {
  readonly type: 'flag';
  /** The line keys of the flagged lines: the flag applies while every one is still in the change. */
  readonly keys: readonly string[];
  readonly path: string;
  /** First and last flagged line, on the side of the keys (new file for '+', old for '-'). */
  readonly line: number;
  readonly endLine: number;
  readonly category: string;
  readonly text: string;
  /** The model that raised it. */
  readonly model: string;
}

/** A person's answer to a flag. */
export interface AnswerRecord extends RecordBase {
  readonly type: 'answer';
  /** The id of the flag answered. */
  readonly flag: string;
  readonly verdict: 'addressed' | 'not-a-problem' | 'accepted-risk';
  readonly text: string;
}

export type EvidenceRecord = ReviewRecord | CommentRecord | ResolveRecord | RunRecord | SignatureRecord | FlagRecord | AnswerRecord;

/** All evidence read for one check, with where each record came from (for error messages). */
export interface EvidenceSet {
  readonly records: readonly EvidenceRecord[];
  /** Paths of the evidence files read, relative to the repository root. */
  readonly files: readonly string[];
}
