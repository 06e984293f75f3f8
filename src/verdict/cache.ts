// The verdict cache as the full commands use it (the bin's fast path is fast.ts).
export { cacheableAsk } from './eligible.js';
export { verdictKey } from './key.js';
export { readVerdict, writeVerdict } from './store.js';
export { authorUsed, cacheBlockers, resetCacheBlockers } from './blockers.js';
export { context, handedOverKey } from './fast.js';
