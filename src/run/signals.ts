// Ctrl-C during a run: instead of dying at once (leaving a detached process group running, a
// lock and a temporary worktree behind), abort, let the commands' groups be stopped, clean up
// in the `finally` blocks, and exit 130. Installing a listener replaces Node's default exit.
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function abortOnSignals(controller: AbortController, onFirst: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return; // a second Ctrl-C: cleanup is already under way
    onFirst(signal);
    controller.abort(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.removeListener(signal, handler);
  };
}
