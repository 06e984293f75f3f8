// From command outcomes to run records, and the `run --list` table. Pure.
import type { Person, RunRecord } from '../evidence/types.js';
import { newRecordId } from '../evidence/store.js';
import { formatDuration } from './duration.js';
import type { CommandOutcome } from './outcome.js';

export interface RecordContext {
  readonly by: Person;
  readonly tool: string;
  readonly tree: string;
  readonly isolated: boolean;
  readonly node: string;
  readonly platform: string;
}

/** The record of one finished command; an interrupted command has none (it proves nothing). */
export function toRunRecord(o: CommandOutcome, ctx: RecordContext): RunRecord | null {
  if (o.result.interrupted) return null;
  return {
    v: 1,
    type: 'run',
    id: newRecordId(),
    at: new Date(o.result.startedAt).toISOString(),
    by: { name: ctx.by.name, email: ctx.by.email },
    tool: ctx.tool,
    tree: ctx.tree,
    command: o.command,
    exitCode: o.result.exitCode,
    signal: o.result.signal,
    durationMs: o.result.durationMs,
    void: o.changed.length > 0,
    changed: o.changed,
    node: ctx.node,
    platform: ctx.platform,
    isolated: ctx.isolated,
    ...(o.result.timedOut ? { timedOut: true } : {}),
    output: o.output,
  };
}

function recordResult(r: RunRecord): string {
  if (r.timedOut) return 'timed out';
  if (r.void) return 'void';
  if (r.exitCode === 0) return 'passed';
  if (r.signal) return `killed (${r.signal})`;
  return `failed (exit ${r.exitCode})`;
}

/** `run --list`: one row per record of the current fingerprint, oldest first. */
export function formatRunList(records: readonly RunRecord[]): string[] {
  if (records.length === 0) return [];
  const rows = records.map((r) => [
    r.command,
    recordResult(r),
    formatDuration(r.durationMs),
    r.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    r.by.name || r.by.email,
    r.isolated ? 'isolated' : 'work tree',
  ]);
  const header = ['command', 'result', 'duration', 'when', 'who', 'where'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [line(header), ...rows.map(line)];
}
