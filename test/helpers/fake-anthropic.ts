// A local stand-in for the Anthropic Messages API on 127.0.0.1, spoken to by the real SDK through
// ANTHROPIC_BASE_URL: POST /v1/messages (structured output: the request's output_config.format is
// a json_schema, the answer is its JSON in a text block) and POST /v1/messages/count_tokens.
// It records every request so tests can assert what was (and was not) sent.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliResult } from './cli.js';
import { runInProcess } from './inproc.js';

export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; json: unknown }
  /** Never answer (a timeout). */
  | 'hang';

export interface FakeAnthropic {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests to /v1/messages only. */
  messages(): SeenRequest[];
  /** Sets the structured output the next /v1/messages answers carry (JSON-encoded into the text block). */
  answer(output: unknown): void;
  /** Sets a raw text for the text block (malformed output). */
  answerText(text: string): void;
  /** Replies used, in order, before the normal answer (errors, hangs). */
  queue(...replies: Reply[]): void;
  /** Every /v1/messages request gets this reply from now on. */
  always(reply: Reply | null): void;
  /** Answer /v1/messages/count_tokens with 404, like a gateway that only proxies /v1/messages. */
  withoutCountTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

export function messageJson(text: string, model = 'claude-sonnet-5-5') {
  return {
    id: 'msg_fake_0001',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1234, output_tokens: 210, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: null, service_tier: 'standard' },
  };
}

const apiError = (status: number, type: string, message: string): Reply => ({ status, json: { type: 'error', error: { type, message } } });

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const requests: SeenRequest[] = [];
  let text = JSON.stringify({});
  let queued: Reply[] = [];
  let fixed: Reply | null = null;
  let noCount = false;
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ path, headers: req.headers, body });
      const send = (reply: Reply) => {
        if (reply === 'hang') {
          hanging.add(res);
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': 'req_fake', ...reply.headers });
        res.end(JSON.stringify(reply.json));
      };
      if (req.method !== 'POST') return send(apiError(404, 'not_found_error', 'not found'));
      // The key arrives as x-api-key or (this SDK's choice) Authorization: Bearer <key>.
      const key = req.headers['x-api-key'] ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (key === undefined) return send(apiError(401, 'authentication_error', 'an API key is required'));
      if (key === 'rejected-key') return send(apiError(401, 'authentication_error', 'invalid x-api-key'));
      if (!req.headers['anthropic-version']) return send(apiError(400, 'invalid_request_error', 'anthropic-version header is required'));
      let parsed: { model?: unknown; messages?: unknown; output_config?: { format?: { type?: string; schema?: unknown } } };
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(apiError(400, 'invalid_request_error', 'body is not JSON'));
      }
      if (typeof parsed.model !== 'string' || !Array.isArray(parsed.messages)) return send(apiError(400, 'invalid_request_error', 'model and messages are required'));
      if (path === '/v1/messages/count_tokens' && noCount) return send(apiError(404, 'not_found_error', 'no such route'));
      if (path === '/v1/messages/count_tokens') return send({ status: 200, json: { input_tokens: Math.ceil(body.length / 4) } });
      if (path !== '/v1/messages') return send(apiError(404, 'not_found_error', `no route ${path}`));
      if (parsed.output_config?.format?.type !== 'json_schema' || typeof parsed.output_config.format.schema !== 'object') {
        return send(apiError(400, 'invalid_request_error', 'this fake serves structured output only: output_config.format must be a json_schema'));
      }
      const next = queued.shift() ?? fixed;
      if (next) return send(next);
      send({ status: 200, json: messageJson(text, parsed.model) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messages: () => requests.filter((r) => r.path === '/v1/messages'),
    answer(output) {
      text = JSON.stringify(output);
    },
    answerText(t) {
      text = t;
    },
    queue(...replies) {
      queued.push(...replies);
    },
    always(reply) {
      fixed = reply;
    },
    withoutCountTokens() {
      noCount = true;
    },
    reset() {
      noCount = false;
      requests.length = 0;
      queued = [];
      fixed = null;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const errorReply = apiError;

const KEY_VARIABLES = ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN'];

/**
 * The CLI in this process (it must not block: the fake server answers from here), without the
 * developer's own key or endpoint: only what the test passes.
 */
export function runAdvisorInProcess(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return runInProcess(cwd, args, { ...options, unset: KEY_VARIABLES.filter((k) => !options.env || !(k in options.env)) });
}
