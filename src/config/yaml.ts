// Loads the YAML library on demand (it costs ~9 ms of start-up, and `check` often needs none).
// A bundle split into chunks exposes a dynamically imported CommonJS package only as its
// `default` export, while plain Node exposes both; accept either.
type Yaml = typeof import('yaml');

export async function loadYaml(): Promise<Yaml> {
  const mod = (await import('yaml')) as Yaml & { default?: Yaml };
  return mod.default ?? mod;
}
