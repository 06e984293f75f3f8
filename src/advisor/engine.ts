// One advisor request, end to end: leave out excluded paths, redact secrets, fit the token
// budget (largest files left out and listed), frame the data as untrusted, answer from the cache
// when the exact request was asked before, otherwise count its tokens and send it with the
// official SDK (structured output, validated again on arrival), and cache the answer.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type * as z from 'zod';
import { globMatcher } from '../glob.js';
import { AdvisorError } from './errors.js';
import { SYSTEM_RULES, estimateTokens, frameRequest, type Part } from './prompt.js';
import { redactSecrets } from './redact.js';

export interface AdvisorSettings {
  readonly model: string;
  readonly maxInputTokens: number;
  readonly timeoutMs: number;
  readonly exclude: readonly string[];
  /** `<git dir>/reviewgate/cache`; answers go to its `ai/` folder. */
  readonly cacheDir: string;
  /** The environment to read ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL from. */
  readonly env: NodeJS.ProcessEnv;
}

export interface Prepared<T> {
  /** The exact request body (what --dry-run prints). */
  readonly params: {
    model: string;
    max_tokens: number;
    system: { type: 'text'; text: string; cache_control: { type: 'ephemeral' } }[];
    messages: { role: 'user'; content: string }[];
    output_config: { format: ReturnType<typeof zodOutputFormat<z.ZodType<T>>> };
  };
  /** The files whose (redacted) text is in the request. */
  readonly sent: readonly Part[];
  /** Paths left out by ai.exclude. */
  readonly excluded: readonly string[];
  /** Paths left out to stay within ai.max_input_tokens, with their estimated size. */
  readonly overBudget: readonly { path: string; tokens: number }[];
  /** Secrets replaced, per path. */
  readonly redactions: readonly { path: string; rules: readonly string[] }[];
  /** Local estimate of the input tokens (the server's count is asked only when sending). */
  readonly estimate: number;
  /** Hash of the exact request: the cache key. */
  readonly hash: string;
}

export interface Answer<T> {
  readonly output: T;
  readonly cached: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
}

export interface Task<T> {
  /** What to do, in one paragraph (said before and after the data). */
  readonly task: string;
  /** The output contract restated after the data. */
  readonly contract: string;
  readonly schema: z.ZodType<T>;
  readonly maxOutputTokens: number;
}

const SYSTEM_OVERHEAD = estimateTokens(SYSTEM_RULES) + 200;

/** Everything up to sending: pure apart from secretlint; nothing leaves the machine. */
export async function prepare<T>(task: Task<T>, parts: readonly Part[], settings: AdvisorSettings): Promise<Prepared<T>> {
  const excludedBy = globMatcher(settings.exclude);
  const excluded = parts.filter((p) => excludedBy(p.path)).map((p) => p.path);
  const redactions: { path: string; rules: readonly string[] }[] = [];
  let kept: Part[] = [];
  for (const p of parts) {
    if (excludedBy(p.path)) continue;
    const r = await redactSecrets(p.text, p.path);
    // The path itself is sent too: a secret pasted into a file name is masked the same way.
    const path = (await redactSecrets(p.path, 'path.txt')).text;
    if (r.rules.length > 0) redactions.push({ path, rules: r.rules });
    kept.push({ path, text: r.text });
  }
  // Over budget: leave out the largest files first, and say which (never silently).
  const overBudget: { path: string; tokens: number }[] = [];
  const format = zodOutputFormat(task.schema);
  // The output schema is input too.
  const fixed = SYSTEM_OVERHEAD + estimateTokens(task.task + task.contract) * 2 + estimateTokens(JSON.stringify(format.schema));
  const budget = settings.maxInputTokens - fixed;
  let total = kept.reduce((n, p) => n + estimateTokens(p.text) + 10, 0);
  while (total > budget && kept.length > 0) {
    const largest = kept.reduce((a, b) => (estimateTokens(b.text) > estimateTokens(a.text) ? b : a));
    const tokens = estimateTokens(largest.text);
    overBudget.push({ path: largest.path, tokens });
    kept = kept.filter((p) => p !== largest);
    total -= tokens + 10;
  }
  const params = {
    model: settings.model,
    max_tokens: task.maxOutputTokens,
    system: [{ type: 'text' as const, text: SYSTEM_RULES, cache_control: { type: 'ephemeral' as const } }],
    messages: [{ role: 'user' as const, content: frameRequest(task.task, kept, task.contract) }],
    output_config: { format },
  };
  const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex');
  return { params, sent: kept, excluded, overBudget, redactions, estimate: SYSTEM_OVERHEAD + estimateTokens(JSON.stringify(format.schema)) + estimateTokens(params.messages[0]?.content ?? ''), hash };
}

function cachePath(settings: AdvisorSettings, hash: string): string {
  return join(settings.cacheDir, 'ai', `${hash}.json`);
}

/** The answer to exactly this request when it was asked before; nothing is sent. */
export function cachedAnswer<T>(prepared: Prepared<T>, task: Task<T>, settings: AdvisorSettings): T | undefined {
  return readAnswer(settings, prepared.hash, task.schema);
}

function readAnswer<T>(settings: AdvisorSettings, hash: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(cachePath(settings, hash), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeAnswer(settings: AdvisorSettings, hash: string, output: unknown): void {
  try {
    const file = cachePath(settings, hash);
    mkdirSync(join(settings.cacheDir, 'ai'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(output));
    renameSync(tmp, file);
  } catch {
    // an unwritable cache only costs a repeated request
  }
}

/** The API key, or a usage error naming the variable and how to turn the advisor off. */
export function apiKeyFrom(env: NodeJS.ProcessEnv): string {
  const key = env.ANTHROPIC_API_KEY;
  if (!key) {
    throw new AdvisorError('the AI advisor needs an API key: ANTHROPIC_API_KEY is not set', 2, 'export ANTHROPIC_API_KEY=<your key> (console.anthropic.com), or set ai.enabled: false in .reviewgate.yml');
  }
  return key;
}

function createClient(settings: AdvisorSettings): Anthropic {
  return new Anthropic({
    apiKey: apiKeyFrom(settings.env),
    // The SDK would read ANTHROPIC_BASE_URL from process.env; the settings' env is the one honoured.
    baseURL: settings.env.ANTHROPIC_BASE_URL || undefined,
    timeout: settings.timeoutMs,
    maxRetries: 2,
    logLevel: 'off',
  });
}

/** Sends the prepared request (or answers it from the cache). */
export async function send<T>(prepared: Prepared<T>, task: Task<T>, settings: AdvisorSettings, onCount?: (tokens: number) => void): Promise<Answer<T>> {
  const cached = readAnswer(settings, prepared.hash, task.schema);
  if (cached !== undefined) return { output: cached, cached: true, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 };
  const client = createClient(settings);
  try {
    const input_tokens = await countTokens(client, prepared);
    if (input_tokens !== null) onCount?.(input_tokens);
    if (input_tokens !== null && input_tokens > settings.maxInputTokens) {
      throw new AdvisorError(
        `the request is ${input_tokens} input tokens by the API's count, over ai.max_input_tokens (${settings.maxInputTokens}); nothing was sent to the model`,
        1,
        'raise ai.max_input_tokens in .reviewgate.yml, or add the largest files to ai.exclude',
      );
    }
    const message = await client.messages.parse(prepared.params);
    // Validated again here: the SDK's parse is the first check, this one is ours.
    const checked = task.schema.safeParse(message.parsed_output);
    if (!checked.success) throw new AdvisorError(`the model's answer did not match the expected shape (${checked.error.issues[0]?.message ?? 'invalid'}); nothing was recorded`, 1, 'run the command again; if it keeps failing, try another ai.model');
    writeAnswer(settings, prepared.hash, checked.data);
    return { output: checked.data, cached: false, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens, cacheReadTokens: message.usage.cache_read_input_tokens ?? 0 };
  } catch (error) {
    throw asAdvisorError(error, settings);
  }
}

/** Only the API's token count of the prepared request (what --dry-run --count-tokens asks). */
export async function countOnly<T>(prepared: Prepared<T>, settings: AdvisorSettings): Promise<number | null> {
  const client = createClient(settings);
  try {
    return await countTokens(client, prepared as Prepared<unknown>);
  } catch (error) {
    throw asAdvisorError(error, settings);
  }
}

/**
 * The API's count of the request's input tokens, or null where the endpoint does not exist (a
 * gateway that only proxies /v1/messages): the local estimate has already kept it within budget.
 */
async function countTokens(client: Anthropic, prepared: Prepared<unknown>): Promise<number | null> {
  try {
    const { system, messages, model } = prepared.params;
    const counted = await client.messages.countTokens({ model, system, messages, output_config: { format: { type: 'json_schema', schema: prepared.params.output_config.format.schema } } });
    return counted.input_tokens;
  } catch (error) {
    if (error instanceof Anthropic.NotFoundError) return null;
    throw error;
  }
}

/** SDK errors as messages a person can act on: 2 for a key or request to fix, 1 for a failed call. */
function asAdvisorError(error: unknown, settings: AdvisorSettings): AdvisorError {
  if (error instanceof AdvisorError) return error;
  const where = settings.env.ANTHROPIC_BASE_URL ? ` at ${settings.env.ANTHROPIC_BASE_URL}` : '';
  if (error instanceof Anthropic.AuthenticationError) {
    return new AdvisorError(`the API key was rejected (401)${where}: ANTHROPIC_API_KEY is not a valid key`, 2, 'set ANTHROPIC_API_KEY to a valid key (console.anthropic.com), or set ai.enabled: false in .reviewgate.yml', error);
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new AdvisorError(`the AI advisor timed out after ${Math.round(settings.timeoutMs / 1000)}s (ai.timeout), retries included; nothing was recorded`, 1, 'run the command again, or raise ai.timeout in .reviewgate.yml', error);
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new AdvisorError(`the API is rate limiting this key (429) and still was after retries${where}; nothing was recorded`, 1, 'wait a minute and run the command again', error);
  }
  if (error instanceof Anthropic.APIError && error.status !== undefined && error.status >= 500) {
    return new AdvisorError(`the API failed (${error.status}) and still did after retries${where}; nothing was recorded`, 1, 'run the command again later (status.anthropic.com)', error);
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new AdvisorError(`cannot reach the API${where}: ${error.message}`, 1, 'check the network (and ANTHROPIC_BASE_URL if set), then run the command again', error);
  }
  if (error instanceof Anthropic.APIError) {
    return new AdvisorError(`the API refused the request (${error.status ?? 'no status'}): ${error.message}`, 1, 'check ai.model in .reviewgate.yml; run the command again with --dry-run to see what would be sent', error);
  }
  if (error instanceof Anthropic.AnthropicError) {
    return new AdvisorError(`the model's answer was not the structured output asked for (${error.message.split('\n')[0]}); nothing was recorded`, 1, 'run the command again; if it keeps failing, try another ai.model', error);
  }
  return new AdvisorError(`the AI advisor failed: ${error instanceof Error ? error.message : String(error)}`, 1, 'run the command again', error);
}
