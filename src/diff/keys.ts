// Review fingerprints (DESIGN.md "Review fingerprints"). A key is the sha256 of an unambiguous
// byte encoding: every variable field is length-prefixed and tagged, so no two different inputs
// share an encoding ("ab"+"c" vs "a"+"bc", start of file vs an empty line, a last line with or
// without its newline). Keys deliberately contain no line numbers, hunk bounds or context size:
// that is what lets a review survive a rebase that only shifts lines (P1, P6).
import { createHash, hash as nodeHash } from 'node:crypto';
import { pathBytes as rawPathBytes } from '../git/paths.js';

// Bump the version tags if the encoding ever changes: old evidence must stop matching rather
// than match by accident.
// v2: a line also binds the lines two away on each side (see lineKey).
const LINE_DOMAIN = 'reviewgate/line/v2';
const ITEM_DOMAIN = 'reviewgate/item/v1';

// Tags of one field. A neighbour that is absent is the start or the end of the file.
const ABSENT = 0;
const WITH_NEWLINE = 1;
const WITHOUT_NEWLINE = 2;
const TEXT = 3;
const BYTES = 4;

// A change of a few hundred lines computes a few hundred keys on every `check` (and one of 100,000
// lines, 100,000), so the fields are written into one reused buffer and hashed in one call
// (crypto.hash, Node 20.12+).
type Field = readonly [tag: number, bytes: Buffer | null];

// A key is the first 22 base64url characters (132 bits) of the sha256: 25 bytes a line in the
// evidence instead of 67. Collision bound: with n keys in a repository's evidence, the chance
// that any two different inputs share a key is below n²/2^133 (n = 10^9 keys: under 10^-21), and
// making a line whose key equals a chosen reviewed key takes about 2^132 hashes.
const KEY_LENGTH = 22;
const sha256Key: (data: Buffer) => string =
  typeof nodeHash === 'function'
    ? (data) => nodeHash('sha256', data, 'base64url').slice(0, KEY_LENGTH)
    : (data) => createHash('sha256').update(data).digest('base64url').slice(0, KEY_LENGTH);

/** The mark of a key recorded by an earlier key version (never equal to a key computed now). */
export const LEGACY_KEY = '1~';

/**
 * A key as it is compared. Keys recorded before key v2 (64 hex digits, the whole sha256 of a v1
 * encoding) can never equal a v2 key: they are read as `1~` + their short form, which matches
 * nothing computed now but still says "recorded by an earlier version" (open concerns on them
 * keep blocking, see gates/review.ts).
 */
export function normalizeKey(key: string): string {
  return key.length === 64 && /^[0-9a-f]+$/.test(key) ? `${LEGACY_KEY}${Buffer.from(key, 'hex').toString('base64url').slice(0, KEY_LENGTH)}` : key;
}

function digest(fields: readonly Field[]): string {
  let size = 0;
  for (const [, bytes] of fields) size += 5 + (bytes?.length ?? 0);
  const buf = room(size);
  let at = 0;
  for (const [tag, bytes] of fields) at = put(buf, at, tag, bytes);
  return hashFirst(buf, at);
}

/** Bytes that can be written into the encoding without a Buffer of their own (diff/patch.ts PatchLine). */
export interface KeyBytes {
  readonly size: number;
  writeTo(target: Buffer, at: number): number;
}

// The encoding is written into one buffer reused by every key (keys are computed one at a time),
// and hashed through a view of its first bytes kept per length, so a key allocates no Buffer. A
// key of huge lines (a minified file) gets a buffer of its own rather than growing the shared one.
const SCRATCH_LIMIT = 1024 * 1024;
let scratch = Buffer.allocUnsafe(16 * 1024);
let views: Buffer[] = [];
function room(size: number): Buffer {
  if (size > SCRATCH_LIMIT) return Buffer.allocUnsafe(size);
  if (scratch.length < size) {
    scratch = Buffer.allocUnsafe(Math.min(SCRATCH_LIMIT, Math.max(size, scratch.length * 2)));
    views = [];
  }
  return scratch;
}
function hashFirst(buf: Buffer, size: number): string {
  if (buf !== scratch) return sha256Key(buf.subarray(0, size));
  let view = views[size];
  if (view === undefined) {
    view = scratch.subarray(0, size);
    views[size] = view;
  }
  return sha256Key(view);
}

/** One field: its tag, the length of its bytes (32-bit big-endian), the bytes. */
function put(buf: Buffer, at: number, tag: number, bytes: Buffer | KeyBytes | null): number {
  const size = bytes === null ? 0 : Buffer.isBuffer(bytes) ? bytes.length : bytes.size;
  buf[at] = tag;
  buf[at + 1] = size >>> 24;
  buf[at + 2] = (size >>> 16) & 0xff;
  buf[at + 3] = (size >>> 8) & 0xff;
  buf[at + 4] = size & 0xff;
  if (bytes === null) return at + 5;
  return at + 5 + (Buffer.isBuffer(bytes) ? bytes.copy(buf, at + 5) : bytes.writeTo(buf, at + 5));
}

const sizeOf = (bytes: Buffer | KeyBytes | null): number => (bytes === null ? 0 : Buffer.isBuffer(bytes) ? bytes.length : bytes.size);

const LINE_DOMAIN_BYTES = Buffer.from(LINE_DOMAIN, 'utf8');
const SIDE_BYTES = { '+': Buffer.from('+'), '-': Buffer.from('-') } as const;
let lastPath = '';
let lastPathBytes: Buffer = Buffer.alloc(0);
/** A path's exact bytes (raw bytes of a name that is not UTF-8 included: git/paths.ts). */
function pathBytes(path: string): Buffer {
  if (path !== lastPath) {
    lastPath = path;
    lastPathBytes = rawPathBytes(path);
  }
  return lastPathBytes;
}

const text = (value: string): Field => [TEXT, rawPathBytes(value)];

export interface LineKeyFlags {
  /** The changed line is the last line of its file and has no final newline. */
  readonly noEol?: boolean;
  /** The next line (on the same side) is the last line of its file and has no final newline. */
  readonly nextNoEol?: boolean;
  /** The line two before (null: start of file; undefined: not bound, as in v1-equivalent keys). */
  readonly prev2?: Buffer | null;
  /** The line two after (null: end of file). */
  readonly next2?: Buffer | null;
  /** The line two after is the last line of its file and has no final newline. */
  readonly next2NoEol?: boolean;
}

/**
 * The key of one changed line: its path, side, exact bytes and its neighbours on the same side
 * (the old file for '-', the new file for '+'), one and two lines away. `prev` null means start
 * of file, `next` null end of file. Only the last line of a file can lack a newline, so the
 * previous lines never do. Two lines each way, because a line moved between two places whose
 * nearest neighbours are equal (`'delete',` from `admin: [` to `guest: [`, between `'read',` and
 * `],`) must not keep its review (P3); the second neighbour is usually the block's header.
 */
export function lineKey(
  path: string,
  side: '+' | '-',
  line: Buffer,
  prev: Buffer | null,
  next: Buffer | null,
  flags: LineKeyFlags = {},
): string {
  return lineKeyOf(path, side, line, prev, next, flags.prev2 ?? null, flags.next2 ?? null, flags.noEol === true, flags.nextNoEol === true, flags.next2NoEol === true);
}

/**
 * lineKey with each line given as a Buffer or as KeyBytes (the parsed diff's lines, whose bytes
 * are copied straight from git's output), and the flags as arguments (no object per key).
 * `prev2`/`next2` null: start/end of file, or not bound.
 */
export function lineKeyOf(
  path: string,
  side: '+' | '-',
  line: Buffer | KeyBytes,
  prev: Buffer | KeyBytes | null,
  next: Buffer | KeyBytes | null,
  prev2: Buffer | KeyBytes | null,
  next2: Buffer | KeyBytes | null,
  noEol: boolean,
  nextNoEol: boolean,
  next2NoEol: boolean,
): string {
  const name = pathBytes(path);
  const sideBytes = SIDE_BYTES[side];
  const buf = room(8 * 5 + LINE_DOMAIN_BYTES.length + name.length + sideBytes.length + sizeOf(line) + sizeOf(prev) + sizeOf(next) + sizeOf(prev2) + sizeOf(next2));
  let at = put(buf, 0, TEXT, LINE_DOMAIN_BYTES);
  at = put(buf, at, TEXT, name);
  at = put(buf, at, TEXT, sideBytes);
  at = put(buf, at, noEol ? WITHOUT_NEWLINE : WITH_NEWLINE, line);
  at = put(buf, at, prev === null ? ABSENT : WITH_NEWLINE, prev);
  at = put(buf, at, next === null ? ABSENT : nextNoEol ? WITHOUT_NEWLINE : WITH_NEWLINE, next);
  at = put(buf, at, prev2 === null ? ABSENT : WITH_NEWLINE, prev2);
  at = put(buf, at, next2 === null ? ABSENT : next2NoEol ? WITHOUT_NEWLINE : WITH_NEWLINE, next2);
  return hashFirst(buf, at);
}

const OCCURRENCE_DOMAIN = 'reviewgate/occurrence/v1';

/**
 * The key of the nth occurrence (n >= 2) of a line whose content and neighbours repeat within one
 * file's change: `base` is the line key all the occurrences share. The first occurrence keeps
 * `base` itself, so a line that does not repeat keeps the key it always had.
 */
export function occurrenceKey(base: string, n: number): string {
  return digest([text(OCCURRENCE_DOMAIN), text(base), text(String(n))]);
}

/** The one key of a change that is not lines: `kind` names it, `parts` bind it to content. */
export function nonLineKey(kind: string, ...parts: readonly (string | Buffer | null)[]): string {
  const fields: Field[] = [text(ITEM_DOMAIN), text(kind)];
  for (const part of parts) {
    if (part === null) fields.push([ABSENT, null]);
    else if (typeof part === 'string') fields.push(text(part));
    else fields.push([BYTES, part]);
  }
  return digest(fields);
}
