// `reviewgate review --web` through the built bin: the page's server refuses what is not the page
// (no token, a wrong Host, a cross-origin request), records each answer as it is given, and stops
// when the page closes, when idle, or on Ctrl-C — losing nothing answered. A real browser
// (Debian's chromium, driven by playwright-core) goes through a review with keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, assertBuilt, runCli } from '../helpers/cli.js';
import { cleanEnv, makeRepo, type TestRepo } from '../helpers/repo.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let repo: TestRepo;
let web: Web | null = null;

interface Web {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  output(): string;
  exited: Promise<number | null>;
}

async function startWeb(args: string[] = []): Promise<Web> {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, 'review', '--web', '--no-open', ...args], { cwd: repo.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const until = Date.now() + 20_000;
  while (!/http:\/\/127\.0\.0\.1:\d+\/\?t=\S+/.test(out)) {
    if (Date.now() > until) throw new Error(`no address printed:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /http:\/\/127\.0\.0\.1:\d+\/\?t=\S+/.exec(out)![0];
  const u = new URL(url);
  web = { child, url, port: Number(u.port), token: u.searchParams.get('t')!, output: () => out, exited };
  return web;
}

function http(w: Web, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: w.port, method, path, headers: { host: `127.0.0.1:${w.port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function records(): Record<string, unknown>[] {
  const dir = join(repo.dir, '.reviewgate/evidence');
  if (!existsSync(dir)) return [];
  const text = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
  return text.trim() ? text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}

beforeEach(() => {
  repo = makeRepo();
  const lines = Array.from({ length: 30 }, (_, i) => `const value${i + 1} = ${i + 1};`);
  repo.write('src/a.ts', `${lines.join('\n')}\n`);
  repo.write('src/b.ts', 'export const b = 1;\n');
  // The browser answers in milliseconds: the pace rule would (rightly) call that too fast.
  repo.write('.reviewgate.yml', 'version: 1\nreview:\n  pace: off\n');
  repo.commitAll('initial');
  lines[1] = 'const value2 = 2000;';
  lines[25] = 'const value26 = 2600;';
  repo.write('src/a.ts', `${lines.join('\n')}\n`);
  repo.write('src/b.ts', 'export const b = 2;\n');
  repo.git('add', '-A');
});
afterEach(async () => {
  if (web && web.child.exitCode === null) {
    web.child.kill('SIGTERM');
    await web.exited;
  }
  web = null;
  repo.remove();
});

describe('the review page server', () => {
  it('refuses requests without the token, with a wrong Host, or from another origin', async () => {
    const w = await startWeb();
    const origin = `http://127.0.0.1:${w.port}`;
    const answer = JSON.stringify({ unit: '0', kind: 'y' });
    const json = { 'content-type': 'application/json' };
    expect((await http(w, 'GET', '/')).status).toBe(403);
    expect((await http(w, 'GET', '/api/overview?t=wrong')).status).toBe(403);
    expect((await http(w, 'GET', '/api/overview', { 'x-reviewgate-token': `${w.token}x` })).status).toBe(403);
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    expect((await http(w, 'GET', `/?t=${w.token}`, { host: `evil.example:${w.port}` })).status).toBe(403);
    // Cross-origin: another site's page posting to the port, even if it knew the token.
    expect((await http(w, 'POST', `/api/answer?t=${w.token}`, { ...json, origin: 'http://evil.example' }, answer)).status).toBe(403);
    expect((await http(w, 'GET', `/api/overview?t=${w.token}`, { origin: 'http://evil.example' })).status).toBe(403);
    // A POST without an Origin is not the page (curl, another local program without the page).
    expect((await http(w, 'POST', `/api/answer?t=${w.token}`, json, answer)).status).toBe(403);
    // Nothing outside what it renders.
    expect((await http(w, 'GET', `/../package.json?t=${w.token}`)).status).toBe(404);
    expect((await http(w, 'GET', `/vendor/../../.git/config?t=${w.token}`)).status).toBe(404);
    expect((await http(w, 'GET', `/src/a.ts?t=${w.token}`)).status).toBe(404);
    expect(records()).toEqual([]);
    // The page itself, with its token, from its own origin.
    const page = await http(w, 'GET', `/?t=${w.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('reviewgate review');
    const ok = await http(w, 'POST', '/api/answer', { ...json, origin, 'x-reviewgate-token': w.token }, answer);
    expect(ok.status).toBe(200);
    const review = records().find((r) => r.type === 'review');
    expect(review).toMatchObject({ mode: 'web', lines: 2 });
  });

  it('records each answer at once: Ctrl-C afterwards loses nothing', async () => {
    const w = await startWeb();
    const headers = { 'content-type': 'application/json', origin: `http://127.0.0.1:${w.port}`, 'x-reviewgate-token': w.token };
    await http(w, 'POST', '/api/event', headers, JSON.stringify({ type: 'view', unit: '0' }));
    await http(w, 'POST', '/api/answer', headers, JSON.stringify({ unit: '0', kind: '!', text: 'the limit looks wrong' }));
    await http(w, 'POST', '/api/answer', headers, JSON.stringify({ unit: '1', kind: 'y' }));
    expect(records().map((r) => r.type).sort()).toEqual(['concern', 'review']);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('Review page stopped (interrupted): 2 answer(s) recorded');
    expect(repo.git('diff', '--cached', '--name-only')).toContain('.reviewgate/evidence/main.jsonl');
  });

  it('stops when the page says it closed, and after --idle minutes without activity', async () => {
    const w = await startWeb();
    await http(w, 'POST', `/api/close?t=${w.token}`, { origin: `http://127.0.0.1:${w.port}` });
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('the page was closed');
    const idle = await startWeb(['--idle', '0.02']);
    expect(await idle.exited).toBe(0);
    expect(idle.output()).toContain('no activity for 0.02 minute(s)');
  });

  it('names a file too big for the page instead of dropping it', async () => {
    const big = Array.from({ length: 3_200 }, (_, i) => `line ${i}`).join('\n');
    repo.write('big.txt', `${big}\n`);
    repo.git('add', '-A');
    const w = await startWeb();
    const overview = JSON.parse((await http(w, 'GET', `/api/overview?t=${w.token}`)).body) as { files: { key: string; tooBig: boolean }[] };
    expect(overview.files.find((f) => f.key === 'big.txt')?.tooBig).toBe(true);
    const file = JSON.parse((await http(w, 'GET', `/api/file?file=big.txt&t=${w.token}`)).body) as { tooBig: boolean; changed: number };
    expect(file).toMatchObject({ tooBig: true, changed: 3_200 });
  });
});

describe.skipIf(!CHROMIUM)('a review in the browser', () => {
  it('goes through a review with keys, raises and resolves a concern, and shows the progress', async () => {
    const { chromium } = await import('playwright-core');
    const w = await startWeb();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(w.url);
      const progress = page.getByTestId('progress');
      await expect.poll(() => progress.textContent()).toBe('lines reviewed 0/6');
      await page.locator('tr.rg-current').first().waitFor();
      // Word emphasis from diff2html inside the changed pair.
      expect(await page.locator('tr.rg-current ins, tr.rg-current del').count()).toBeGreaterThan(0);
      const where = page.locator('#item .where');
      expect(await where.textContent()).toContain('item 1 of 3');
      await page.keyboard.press('j');
      await expect.poll(() => where.textContent()).toContain('item 2 of 3');
      await page.keyboard.press('k');
      await expect.poll(() => where.textContent()).toContain('item 1 of 3');
      await page.keyboard.press('y');
      await expect.poll(() => progress.textContent()).toBe('lines reviewed 2/6');
      await page.keyboard.press('!');
      await page.locator('#asktext').fill('why 2600?');
      await page.locator('#askok').click();
      await expect.poll(() => page.getByTestId('message').textContent()).toContain('concern recorded');
      expect(await page.locator('#item .concern').textContent()).toContain('why 2600?');
      await page.keyboard.press('r');
      await page.locator('#asktext').fill('it is the new price');
      await page.locator('#askok').click();
      await expect.poll(() => page.getByTestId('message').textContent()).toBe('concern resolved');
      await page.keyboard.press('y');
      await expect.poll(() => progress.textContent()).toBe('lines reviewed 4/6');
      await page.keyboard.press('y');
      await expect.poll(() => progress.textContent()).toBe('lines reviewed 6/6');
      expect(errors).toEqual([]);
      await page.close({ runBeforeUnload: true });
    } finally {
      await browser.close();
    }
    expect(await w.exited).toBe(0);
    const recs = records();
    const reviews = recs.filter((r) => r.type === 'review') as { mode: string; durationMs: number; lines: number }[];
    expect(reviews).toHaveLength(3);
    expect(reviews.every((r) => r.mode === 'web' && r.durationMs >= 0)).toBe(true);
    expect(reviews.reduce((n, r) => n + r.lines, 0)).toBe(6);
    expect(recs.filter((r) => r.type === 'concern')).toHaveLength(1);
    expect(recs.filter((r) => r.type === 'resolve')).toHaveLength(1);
    expect(w.output()).toContain('the page was closed');
    // The gate sees exactly what was answered.
    const check = runCli(repo.dir, ['check', '--gate', 'review']);
    expect(check.stdout).toContain('6/6 changed lines reviewed');
    expect(check.code).toBe(0);
  });
});
