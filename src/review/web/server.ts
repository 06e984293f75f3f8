// The review page's local server (`reviewgate review --web`). It serves one page, its script and
// stylesheet, the vendored diff2html bundle, and a small JSON API over one review session — and
// nothing else: no path from the request ever reaches the file system.
// Security, because any web page the person visits can make their browser send requests to
// 127.0.0.1, and any local process can connect to the port:
// - it listens on 127.0.0.1 only, on a random port;
// - every request must carry the random token of this session (in the URL or a header);
// - the Host header must name 127.0.0.1 or localhost with this port (DNS rebinding);
// - a request with an Origin must come from the page itself, and a POST must have one;
// - answers are JSON posted by the page; responses forbid framing and inline script.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { EvidenceRecord } from '../../evidence/types.js';
import { PAGE_CSS, PAGE_JS, pageHtml } from './page.js';
import type { Answer, ReviewSession } from './session.js';

type StopReason = 'closed' | 'idle' | 'signal';

export interface ServeOptions {
  readonly session: ReviewSession;
  /** Writes records as evidence (and stages them). Called one answer at a time, in order. */
  readonly record: (records: EvidenceRecord[]) => Promise<void>;
  /** Called after each flag change, with the keys of flagged units still owed. */
  readonly saveFlags: (keys: string[]) => void;
  readonly idleMs: number;
  /** How long after the page says it closed the server waits for it to come back (a reload). */
  readonly closeGraceMs?: number;
  /** Where the diff2html bundle is (node_modules/diff2html); found from the package when absent. */
  readonly diff2htmlDir?: string;
}

export interface Served {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Resolves when the server stopped, with why; every answer is recorded by then. */
  readonly stopped: Promise<StopReason>;
  /** Answers recorded so far. */
  readonly answered: () => number;
  stop(reason: StopReason): void;
}

const MAX_BODY = 64 * 1024;

function diff2htmlFiles(dir: string | undefined): { js: string; css: string } {
  // diff2html's main file is lib/diff2html.js; the browser bundles sit beside lib/.
  const root = dir ?? join(dirname(require.resolve('diff2html')), '..');
  let theme = '';
  try {
    // The colours of highlight.js's tokens (diff2html's own stylesheet has none); highlight.js
    // comes with diff2html. Without it the diff is simply not coloured by syntax.
    const hljs = createRequire(join(root, 'package.json')).resolve('highlight.js');
    theme = readFileSync(join(dirname(hljs), '../styles/github.min.css'), 'utf8');
  } catch {
    theme = '';
  }
  return {
    js: readFileSync(join(root, 'bundles/js/diff2html-ui-slim.min.js'), 'utf8'),
    css: `${readFileSync(join(root, 'bundles/css/diff2html.min.css'), 'utf8')}\n${theme}`,
  };
}

export function serveReview(opts: ServeOptions): Promise<Served> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const vendor = diff2htmlFiles(opts.diff2htmlDir);
  let port = 0;
  let answered = 0;
  let writing: Promise<void> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | undefined;
  let closeTimer: NodeJS.Timeout | undefined;
  let stopReason: StopReason | null = null;
  let resolveStopped: (r: StopReason) => void = () => {};
  const stopped = new Promise<StopReason>((r) => (resolveStopped = r));

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain', `error: ${error instanceof Error ? error.message : String(error)}`));
  });

  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop('idle'), opts.idleMs);
    idleTimer.unref();
  };
  const stop = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    clearTimeout(idleTimer);
    clearTimeout(closeTimer);
    server.close();
    server.closeAllConnections();
    // Every answer given is written before the command goes on to summarise and exit.
    void writing.then(() => resolveStopped(reason));
  };

  const validToken = (given: string | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const ownOrigins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'text/plain', 'wrong Host: open the address reviewgate printed');
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigins().includes(origin)) return send(res, 403, 'text/plain', 'cross-origin request refused');
    if (req.method === 'POST' && origin === undefined) return send(res, 403, 'text/plain', 'a POST must come from the review page');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const header = req.headers['x-reviewgate-token'];
    if (!validToken(url.searchParams.get('t') ?? (typeof header === 'string' ? header : null))) return send(res, 403, 'text/plain', 'missing or wrong token: open the address reviewgate printed');
    if (stopReason) return send(res, 503, 'text/plain', 'the review has ended');
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        // A reload after the page said it closed: it came back.
        clearTimeout(closeTimer);
        touch();
        return send(res, 200, 'text/html; charset=utf-8', pageHtml(token));
      case 'GET /app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', PAGE_JS);
      case 'GET /app.css':
        return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
      case 'GET /vendor/diff2html.js':
        return send(res, 200, 'text/javascript; charset=utf-8', vendor.js);
      case 'GET /vendor/diff2html.css':
        return send(res, 200, 'text/css; charset=utf-8', vendor.css);
      case 'GET /api/overview':
        return json(res, opts.session.overview());
      case 'GET /api/file':
        return json(res, opts.session.file(url.searchParams.get('file') ?? ''));
      case 'POST /api/event': {
        const body = await readJson(req);
        const type = body.type;
        if (type !== 'view' && type !== 'activity' && type !== 'blur' && type !== 'focus') return send(res, 400, 'text/plain', 'unknown event');
        if (type !== 'blur') touch();
        opts.session.event(type, typeof body.unit === 'string' ? body.unit : undefined);
        return json(res, { ok: true });
      }
      case 'POST /api/answer': {
        touch();
        const answer = parseAnswer(await readJson(req));
        if (!answer) return send(res, 400, 'text/plain', 'not an answer');
        const result = opts.session.answer(answer);
        if (answer.kind === 'f') opts.saveFlags(opts.session.flaggedKeys());
        if (result.records.length > 0) {
          // One answer at a time, in the order given; the reply waits until it is on disk.
          const write = writing.then(() => opts.record(result.records));
          writing = write.catch(() => {});
          await write;
          answered++;
        }
        return json(res, { message: result.message, overview: opts.session.overview() });
      }
      case 'POST /api/close':
        // The page was closed or reloaded: stop unless it comes back.
        closeTimer = setTimeout(() => stop('closed'), opts.closeGraceMs ?? 3_000);
        closeTimer.unref();
        return send(res, 204, 'text/plain', '');
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  }

  return new Promise<Served>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      touch();
      resolve({ url: `http://127.0.0.1:${port}/?t=${token}`, port, token, stopped, answered: () => answered, stop });
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseAnswer(body: Record<string, unknown>): Answer | null {
  const { kind, unit, text } = body;
  if (typeof unit !== 'string') return null;
  if (kind === 'y' || kind === 'n' || kind === 'f') return { kind, unit };
  if ((kind === 'c' || kind === '!' || kind === 'r') && typeof text === 'string') return { kind, unit, text };
  return null;
}
