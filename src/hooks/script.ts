// The text of the git hooks reviewgate installs. Pure: install.ts writes it, tests read it.
//
// The script is POSIX sh because git runs hooks with sh on every platform (Git for Windows ships
// one). It must stay small and never wait on a terminal: git hands pre-commit the user's own
// stdin, so reviewgate's stdin is /dev/null there; pre-push gets git's ref lines on stdin and
// passes them on.

export type HookName = 'pre-commit' | 'pre-push';
export const HOOK_NAMES: readonly HookName[] = ['pre-commit', 'pre-push'];

/** The line that tells our hook from anyone else's; the version lets a later release upgrade it. */
export const HOOK_MARKER = '# reviewgate-hook v1';

/** Where a hook that was already there is kept, next to ours, so it still runs. */
export const CHAINED_SUFFIX = '.reviewgate-chained';

/** The reviewgate command line each hook runs (also what husky and lefthook are told to run). */
export function checkArgs(hook: HookName): string {
  return hook === 'pre-commit' ? 'check' : 'check --pre-push "$1" "$2"';
}

/** True when the file text is a hook written by reviewgate (any version). */
export function isReviewgateHook(text: string): boolean {
  return /^# reviewgate-hook v\d+\b/m.test(text);
}

// The lookup users expect from an npm tool: the project's own install first, then the main
// worktree's (a linked worktree rarely has its own node_modules), then PATH. Missing → fail
// closed, saying how to install it and how to get past the hook once.
function locateTool(hook: HookName): string {
  const bypass = hook === 'pre-commit' ? 'git commit --no-verify' : 'git push --no-verify';
  return `root=$(pwd)
rg=
if [ -x "$root/node_modules/.bin/reviewgate" ]; then
  rg="$root/node_modules/.bin/reviewgate"
else
  common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)
  case $common in
    */.git) [ -x "\${common%/.git}/node_modules/.bin/reviewgate" ] && rg="\${common%/.git}/node_modules/.bin/reviewgate" ;;
  esac
fi
if [ -z "$rg" ] && command -v reviewgate >/dev/null 2>&1; then
  rg=reviewgate
fi
if [ -z "$rg" ]; then
  echo "reviewgate: the ${hook} hook cannot find reviewgate (not in node_modules/.bin, not on PATH)." >&2
  echo "  fix: npm install --save-dev reviewgate" >&2
  echo "  to get past this hook once: ${bypass}" >&2
  exit 1
fi`;
}

/** The hook script for `hook`. Byte-stable: installing twice must write the same bytes. */
export function hookScript(hook: HookName): string {
  const head = `#!/bin/sh
${HOOK_MARKER} ${hook}
# Installed by \`reviewgate hooks install\`; \`reviewgate hooks uninstall\` removes it and puts back
# the hook that was here before (kept as ${hook}${CHAINED_SUFFIX}, which runs first).
`;
  if (hook === 'pre-commit') {
    return `${head}chained="$0${CHAINED_SUFFIX}"
if [ -f "$chained" ] && [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi
${locateTool(hook)}
exec "$rg" ${checkArgs(hook)} </dev/null
`;
  }
  // git writes the ref lines to the hook's stdin once; both the kept hook and reviewgate need
  // them, so they go to a temporary file that each reads in turn.
  return `${head}chained="$0${CHAINED_SUFFIX}"
${locateTool(hook)}
if [ -f "$chained" ] && [ -x "$chained" ]; then
  lines=$(mktemp "\${TMPDIR:-/tmp}/reviewgate-pre-push.XXXXXX") || exit 1
  trap 'rm -f "$lines"' EXIT
  trap 'exit 130' INT TERM HUP
  cat >"$lines"
  "$chained" "$@" <"$lines" || exit $?
  "$rg" ${checkArgs(hook)} <"$lines"
  exit $?
fi
exec "$rg" ${checkArgs(hook)}
`;
}
