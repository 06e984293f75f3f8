// The reporters colour through this interface so the core never imports chalk; the CLI passes
// a chalk-backed style only when colour is on.
export interface Style {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const same = (s: string) => s;
export const plainStyle: Style = { red: same, green: same, yellow: same, cyan: same, dim: same, bold: same };
