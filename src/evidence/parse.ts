// Reading an evidence file (JSON Lines). Every non-blank line must be one valid record: a bad
// line is an error naming `file:line`, never skipped, because skipping a line could hide a
// concern or invent nothing-reviewed where a review was recorded (principle 3: fail closed).
import { UserError } from '../errors.js';
import { normalizeKey } from '../diff/keys.js';
import { isRecordType, recordSchemas } from './schema.js';
import type { EvidenceRecord } from './types.js';

/** A corrupt evidence file: exit 2, with the file, the line and how to repair it. */
export class EvidenceError extends UserError {
  override name = 'EvidenceError';
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
    fix?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${file}:${line}: ${problem}`,
      fix ?? `restore it with \`git checkout -- ${file}\` or remove the line; evidence is append-only, so never edit a record`,
      options,
    );
  }
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})( |$)/;

/** Parses one evidence file; `file` (repository-relative) is used in error messages. */
export function parseEvidence(text: string, file: string): EvidenceRecord[] {
  const records: EvidenceRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.trim() === '') continue;
    records.push(parseLine(line, file, i + 1));
  }
  return records;
}

/**
 * The most one record may hold: a review of a million changed lines fits (about 45 bytes a line);
 * a larger line is refused before it is parsed (a 100 MB line would take seconds and gigabytes).
 */
export const MAX_RECORD_BYTES = 48 * 1024 * 1024;

function parseLine(line: string, file: string, number: number): EvidenceRecord {
  if (line.length > MAX_RECORD_BYTES) {
    throw new EvidenceError(file, number, `a record of ${Math.round(line.length / 1024 / 1024)} MB, more than the ${MAX_RECORD_BYTES / 1024 / 1024} MB a record may hold`);
  }
  if (CONFLICT_MARKER.test(line)) {
    throw new EvidenceError(
      file,
      number,
      'a merge conflict marker, not a record',
      `evidence files merge without conflicts through \`merge=union\` in the evidence folder's .gitattributes; resolve by keeping both sides' lines and deleting the marker lines, then \`git add ${file}\``,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new EvidenceError(file, number, `not valid JSON (${(error as Error).message})`, undefined, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EvidenceError(file, number, 'not a JSON object; each line must be one evidence record');
  }
  const object = value as Record<string, unknown>;
  if (object.v !== 1) {
    const newer = typeof object.v === 'number' && object.v > 1;
    throw new EvidenceError(
      file,
      number,
      `unsupported record version ${JSON.stringify(object.v)} (this reviewgate reads v1)`,
      newer ? 'upgrade reviewgate: this record was written by a newer version' : undefined,
    );
  }
  if (!isRecordType(object.type)) {
    throw new EvidenceError(file, number, `unknown record type ${JSON.stringify(object.type)}`);
  }
  const result = recordSchemas[object.type].safeParse(object);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.map(String).join('.') || 'record';
      if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_type' && object[String(issue.path[0])] === undefined && issue.path.length === 1) {
        return `missing field ${where}`;
      }
      return `invalid ${where}${issue.code === 'invalid_type' ? ` (expected ${issue.expected})` : ''}`;
    });
    throw new EvidenceError(file, number, `invalid ${object.type} record: ${problems.join('; ')}`);
  }
  return withShortKeys(result.data as EvidenceRecord);
}

/** Keys recorded in the long form (64 hex digits) are read in the short form keys.ts computes. */
function withShortKeys(record: EvidenceRecord): EvidenceRecord {
  if (record.type === 'review') {
    return { ...record, keys: record.keys.map(normalizeKey), ...(record.items ? { items: record.items.map((i) => (i.keys ? { ...i, keys: i.keys.map(normalizeKey) } : i)) } : {}) };
  }
  if (record.type === 'note' || record.type === 'concern') return { ...record, keys: record.keys.map(normalizeKey) };
  return record;
}
