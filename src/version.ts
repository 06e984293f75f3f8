// The package version, injected by the build (scripts/build.mjs); '0.0.0-dev' when run from source.
declare const __REVIEWGATE_VERSION__: string;
export const VERSION: string = typeof __REVIEWGATE_VERSION__ === 'string' ? __REVIEWGATE_VERSION__ : '0.0.0-dev';
