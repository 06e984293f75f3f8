// REVIEWGATE_TIMING=1 prints how long each phase of a command took, to stderr: the way to see
// where `check`'s time goes on a real repository (`npm run bench` gives the overall figure).
const enabled = process.env.REVIEWGATE_TIMING === '1';
let last = enabled ? performance.now() : 0;

export function phase(name: string): void {
  if (!enabled) return;
  const now = performance.now();
  process.stderr.write(`[timing] ${name.padEnd(22)} ${(now - last).toFixed(1).padStart(6)} ms  (at ${now.toFixed(1)} ms)\n`);
  last = now;
}
