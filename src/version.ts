// The package version and a per-build id, injected by the build (scripts/build.mjs). The build id
// keys the caches under the git dir, so a new build never trusts an older build's cache.
declare const __REVIEWGATE_VERSION__: string;
declare const __REVIEWGATE_BUILD__: string;
export const VERSION: string = typeof __REVIEWGATE_VERSION__ === 'string' ? __REVIEWGATE_VERSION__ : '0.0.0-dev';
export const BUILD_ID: string = typeof __REVIEWGATE_BUILD__ === 'string' ? __REVIEWGATE_BUILD__ : `dev-${Date.now()}`;
