// The verdict cache as the full check uses it (the bin's fast path is fast.ts).
export { cacheableArgv } from './eligible.js';
export { verdictKey, type VerdictKey } from './key.js';
export { readVerdict, writeVerdict } from './store.js';
export { cacheBlockers, notCacheable, resetCacheBlockers } from './blockers.js';
export { context } from './fast.js';
