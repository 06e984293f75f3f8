// The configuration file's name at the repository's top level (its own module so the verdict
// key can name it without loading the configuration code).
export const CONFIG_FILE = '.reviewgate.yml';
