// Review fingerprints (DESIGN.md "Review fingerprints"). A key is the sha256 of an unambiguous
// byte encoding: every variable field is length-prefixed and tagged, so no two different inputs
// share an encoding ("ab"+"c" vs "a"+"bc", start of file vs an empty line, a last line with or
// without its newline). Keys deliberately contain no line numbers, hunk bounds or context size:
// that is what lets a review survive a rebase that only shifts lines (P1, P6).
import { createHash } from 'node:crypto';

// Bump the version tags if the encoding ever changes: old evidence must stop matching rather
// than match by accident.
const LINE_DOMAIN = 'reviewgate/line/v1';
const ITEM_DOMAIN = 'reviewgate/item/v1';

// Tags of one field. A neighbour that is absent is the start or the end of the file.
const ABSENT = 0;
const WITH_NEWLINE = 1;
const WITHOUT_NEWLINE = 2;
const TEXT = 3;
const BYTES = 4;

// Fields are gathered into one buffer and hashed with one update: a change of a few hundred
// lines computes a few hundred keys on every `check`, and each update call crosses into C++.
class Encoder {
  private readonly parts: Buffer[] = [];
  field(tag: number, bytes?: Buffer): void {
    const head = Buffer.allocUnsafe(5);
    head.writeUInt8(tag, 0);
    head.writeUInt32BE(bytes?.length ?? 0, 1);
    this.parts.push(head);
    if (bytes && bytes.length > 0) this.parts.push(bytes);
  }
  text(value: string): void {
    this.field(TEXT, Buffer.from(value, 'utf8'));
  }
  digest(): string {
    return createHash('sha256').update(Buffer.concat(this.parts)).digest('hex');
  }
}

export interface LineKeyFlags {
  /** The changed line is the last line of its file and has no final newline. */
  readonly noEol?: boolean;
  /** The next line (on the same side) is the last line of its file and has no final newline. */
  readonly nextNoEol?: boolean;
}

/**
 * The key of one changed line: its path, side, exact bytes and its neighbours on the same side
 * (the old file for '-', the new file for '+'). `prev` null means start of file, `next` null
 * end of file. Only the last line of a file can lack a newline, so the previous line never does.
 */
export function lineKey(
  path: string,
  side: '+' | '-',
  line: Buffer,
  prev: Buffer | null,
  next: Buffer | null,
  flags: LineKeyFlags = {},
): string {
  const e = new Encoder();
  e.text(LINE_DOMAIN);
  e.text(path);
  e.text(side);
  e.field(flags.noEol ? WITHOUT_NEWLINE : WITH_NEWLINE, line);
  if (prev === null) e.field(ABSENT);
  else e.field(WITH_NEWLINE, prev);
  if (next === null) e.field(ABSENT);
  else e.field(flags.nextNoEol ? WITHOUT_NEWLINE : WITH_NEWLINE, next);
  return e.digest();
}

/** The one key of a change that is not lines: `kind` names it, `parts` bind it to content. */
export function nonLineKey(kind: string, ...parts: readonly (string | Buffer | null)[]): string {
  const e = new Encoder();
  e.text(ITEM_DOMAIN);
  e.text(kind);
  for (const part of parts) {
    if (part === null) e.field(ABSENT);
    else if (typeof part === 'string') e.text(part);
    else e.field(BYTES, part);
  }
  return e.digest();
}
