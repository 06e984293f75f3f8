// What the commands share to use the AI advisor: loading its bundle (lazily: it holds the
// Anthropic SDK and secretlint, which `check` must never load), its settings from the
// configuration, printing what was left out, and turning its errors into exit codes.
import type { Config } from '../config/schema.js';
import { GateFailure, UserError } from '../errors.js';
import type { Repo } from '../git/repo.js';
import type { Style } from '../report/style.js';
import { parseDuration } from '../run/duration.js';
import { printError } from './output.js';

export type AdvisorModule = typeof import('../advisor/index.js');
type Settings = import('../advisor/index.js').AdvisorSettings;
type Prepared = import('../advisor/index.js').Prepared<unknown>;
type Answer = import('../advisor/index.js').Answer<unknown>;

/** The advisor bundle (dist/advisor.cjs once built; scripts/build.mjs keeps it out of the CLI bundle). */
export async function loadAdvisor(): Promise<AdvisorModule> {
  return import('../advisor/index.js');
}

export function advisorSettings(config: Config, repo: Repo): Settings {
  return {
    model: config.ai.model,
    maxInputTokens: config.ai.max_input_tokens,
    timeoutMs: parseDuration(config.ai.timeout) ?? 120_000,
    exclude: config.ai.exclude,
    cacheDir: repo.cacheDir,
    env: process.env,
  };
}

/** Runs an advisor call; its errors become a usage error (exit 2) or a printed failure (exit 1). */
export async function withAdvisorErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Recognised by name: the advisor bundle has its own copy of the class.
    if (error instanceof Error && error.name === 'AdvisorError') {
      const { exit, fix } = error as Error & { exit: 1 | 2; fix: string };
      if (exit === 2) throw new UserError(error.message, fix, { cause: error });
      printError(error.message, fix);
      throw new GateFailure(error.message, { cause: error });
    }
    throw error;
  }
}

/** What was not sent and why: excluded paths, files over the token budget, redacted secrets. */
export function describeLeftOut(prepared: Prepared, s: Style): string[] {
  const out: string[] = [];
  if (prepared.excluded.length > 0) out.push(`Not sent (ai.exclude): ${prepared.excluded.join(', ')}`);
  if (prepared.overBudget.length > 0) {
    out.push(s.yellow(`Not sent (over ai.max_input_tokens): ${prepared.overBudget.map((o) => `${o.path} (~${o.tokens} tokens)`).join(', ')} — the advisor did not see these files`));
  }
  for (const r of prepared.redactions) out.push(`Redacted in ${r.path}: ${r.rules.map((x) => `[REDACTED:${x}]`).join(', ')}`);
  return out;
}

/**
 * What --dry-run prints: the exact request, what was left out, and its size — estimated locally
 * (nothing sent), or with --count-tokens counted by the API's count_tokens endpoint (the text
 * shown is sent there, and to no model).
 */
export async function printDryRun(advisor: AdvisorModule, prepared: Prepared, settings: Settings, leftOut: readonly string[], count: boolean): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(describeRequest(prepared));
  for (const line of leftOut) out(line);
  if (!count) {
    out(`About ${prepared.estimate} input tokens (estimated locally: --dry-run sent nothing; --count-tokens asks the API for the exact count, sending the text above to its count endpoint only), at most ${prepared.params.max_tokens} out.`);
    return;
  }
  const tokens = await withAdvisorErrors(() => advisor.countOnly(prepared, settings));
  out(
    tokens === null
      ? `The API has no count endpoint here; about ${prepared.estimate} input tokens (estimated locally), at most ${prepared.params.max_tokens} out.`
      : `${tokens} input tokens by the API's count (the text above went to /v1/messages/count_tokens only; no model read it), at most ${prepared.params.max_tokens} out.`,
  );
}

/** The exact request, readable: what --dry-run prints. */
function describeRequest(prepared: Prepared): string {
  const p = prepared.params;
  return [
    `POST /v1/messages  model=${p.model}  max_tokens=${p.max_tokens}`,
    '--- system (cache_control: ephemeral) ---',
    ...p.system.map((b) => b.text),
    '--- user ---',
    ...p.messages.map((m) => m.content),
    '--- output_config.format (json_schema) ---',
    JSON.stringify(p.output_config.format.schema),
    '---',
  ].join('\n');
}

export function describeUsage(answer: Answer): string {
  if (answer.cached) return 'tokens: 0 in, 0 out (answer cached from an identical request: nothing was sent)';
  const reused = answer.cacheReadTokens > 0 ? ` (${answer.cacheReadTokens} read from the prompt cache)` : '';
  return `tokens: ${answer.inputTokens} in${reused}, ${answer.outputTokens} out`;
}
