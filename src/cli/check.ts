// `reviewgate check`: normalise flags, run the check, print the report, set the verdict.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runCheck } from '../check/check.js';
import { GATE_IDS, type GateId } from '../config/schema.js';
import { GateFailure, UserError } from '../errors.js';
import type { TargetSpec } from '../git/target.js';
import { renderJson } from '../report/json.js';
import { renderText } from '../report/text.js';
import { plainStyle } from '../report/style.js';
import { styleFor } from './output.js';

export interface CheckFlags {
  staged?: boolean;
  range?: string;
  gate: string[];
  format: 'text' | 'json' | 'github' | 'markdown' | 'gitlab';
  prePush?: string;
  url?: string;
  ci?: boolean;
  base?: string;
  output?: string;
  config?: string;
}

export function parseGates(values: readonly string[]): GateId[] {
  const gates = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const g of gates) {
    if (!(GATE_IDS as readonly string[]).includes(g)) {
      throw new UserError(`unknown gate "${g}"`, `use one of: ${GATE_IDS.join(', ')}`);
    }
  }
  return gates as GateId[];
}

export async function checkCommand(flags: CheckFlags): Promise<void> {
  if (flags.staged && flags.range) throw new UserError('--staged and --range cannot be used together', 'pick one target');
  const target: TargetSpec = flags.range ? { kind: 'range', spec: flags.range } : { kind: 'staged' };
  const cwd = process.cwd();
  const report = await runCheck({
    cwd,
    target,
    gates: parseGates(flags.gate),
    ...(flags.config ? { configPath: resolve(cwd, flags.config) } : {}),
  });
  const toFile = flags.output !== undefined;
  if (flags.prePush !== undefined || flags.ci || flags.base !== undefined || !['text', 'json'].includes(flags.format)) {
    throw new UserError('--pre-push, --ci, --base and the github/markdown/gitlab formats are not available yet', 'use --range <A>..<B> with --format text or json');
  }
  const text =
    flags.format === 'json' ? renderJson(report) : renderText(report, toFile ? plainStyle : await styleFor(process.stdout));
  if (toFile) await writeFile(resolve(cwd, flags.output as string), text);
  else process.stdout.write(text);
  if (!report.ok) throw new GateFailure();
}
