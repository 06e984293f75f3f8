// npm run replay -- <repo-dir> [<range>] [--quiet]
// Walks a repository's history and compares, commit by commit, reviewgate's review items with
// git's own --raw/--numstat and -U1 patch; prints every mismatch, then the totals and the
// time reviewgate took per commit (median, max) and the peak RSS. Exits 1 on any mismatch.
// It runs the source (src/replay/replay.ts), bundled on the fly with esbuild, so it needs no build.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const [dir, range] = args.filter((a) => a !== '--quiet');
if (!dir) {
  process.stderr.write('usage: npm run replay -- <repo-dir> [<range>] [--quiet]\n');
  process.exit(2);
}

const outDir = new URL('../node_modules/.cache/reviewgate/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const outfile = new URL('replay.mjs', outDir);
await build({
  entryPoints: [new URL('../src/replay/replay.ts', import.meta.url).pathname],
  outfile: outfile.pathname,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  logLevel: 'warning',
});
const { replay, summarize } = await import(pathToFileURL(outfile.pathname).href);

const started = performance.now();
const reports = await replay({
  dir: resolve(dir),
  ...(range ? { range } : {}),
  onCommit(report, i, total) {
    for (const m of report.mismatches) process.stdout.write(`MISMATCH ${report.commit.slice(0, 12)} ${m}\n`);
    if (report.skipped) process.stdout.write(`SKIPPED ${report.commit.slice(0, 12)} git cannot read it: ${report.skipped}\n`);
    if (!quiet && process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${total}`);
  },
});
if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
const s = summarize(reports);
const rssMb = process.resourceUsage().maxRSS / 1024;
const kinds = Object.entries(s.kinds)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, n]) => `${k} ${n}`)
  .join(', ');
process.stdout.write(
  [
    `commits: ${s.commits} (${s.merges} merges)${s.skipped ? `; ${s.skipped} skipped: git itself cannot read them` : ''}`,
    `files: ${s.files}, changed lines itemised: ${s.lines}`,
    `files by item kind: ${kinds || 'none'}`,
    `mismatches: ${s.mismatches}`,
    `reviewgate per commit: median ${s.medianMs.toFixed(1)} ms, max ${s.maxMs.toFixed(1)} ms${s.maxCommit ? ` (${s.maxCommit.slice(0, 12)})` : ''}`,
    `peak RSS: ${rssMb.toFixed(0)} MB; wall time ${((performance.now() - started) / 1000).toFixed(1)} s`,
  ].join('\n') + '\n',
);
process.exitCode = s.mismatches > 0 ? 1 : 0;
