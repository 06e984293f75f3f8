// The diff model: what a change is, as the pure core sees it. Built by src/diff/parse.ts from
// git's machine output; consumed by the fingerprints, the review gate and the review walker.

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange';

export interface DiffLine {
  /** '+' added, '-' removed, ' ' context. */
  readonly side: '+' | '-' | ' ';
  /** The line's text without its newline, decoded as UTF-8 (invalid bytes replaced) for display. */
  readonly text: string;
  /** The line's exact bytes (without newline), hashed by the fingerprints. */
  readonly raw: Buffer;
  /** True when git marked this line "\ No newline at end of file". */
  readonly noEol: boolean;
  readonly oldLine: number | null;
  readonly newLine: number | null;
}

export interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  readonly lines: readonly DiffLine[];
}

export interface FileDiff {
  readonly status: FileStatus;
  /** null for an added file. */
  readonly oldPath: string | null;
  /** null for a deleted file. */
  readonly newPath: string | null;
  /** newPath ?? oldPath: the path a person knows the file by. */
  readonly path: string;
  /** Six-digit octal modes as git prints them ('100644', '100755', '120000', '160000'), null when absent. */
  readonly oldMode: string | null;
  readonly newMode: string | null;
  /** Object ids (full length, SHA-1 or SHA-256), null when absent. */
  readonly oldOid: string | null;
  readonly newOid: string | null;
  /** Rename/copy similarity in percent, when git detected one. */
  readonly similarity: number | null;
  readonly binary: boolean;
  readonly hunks: readonly Hunk[];
}

/** What kind of thing a person must look at. */
export type ItemKind = 'lines' | 'binary' | 'mode' | 'symlink' | 'submodule' | 'delete' | 'rename' | 'package';

export interface ChangedLineRef {
  readonly key: string;
  readonly side: '+' | '-';
  /** The line number on its side (new file for '+', old file for '-'). */
  readonly line: number;
  readonly text: string;
}

/** One unit of review: a hunk's changed lines, or one non-line change. */
export interface ReviewItem {
  readonly kind: ItemKind;
  readonly path: string;
  readonly file: FileDiff;
  /** For kind 'lines'. */
  readonly hunk: Hunk | null;
  /** For kind 'lines', each changed line with its key (in hunk order). */
  readonly lines: readonly ChangedLineRef[];
  /** Every key this item carries: the changed lines' keys, or the one non-line key. */
  readonly keys: readonly string[];
  /** One line saying what changed, for non-line items ('mode 100644 → 100755'). */
  readonly summary: string;
}
