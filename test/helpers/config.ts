// Configuration snippets shared by the end-to-end tests.

/**
 * Opts a test repository's `.reviewgate.yml` into piped reviews (`review.piped: allow`): the
 * tests answer `reviewgate review` from stdin, which the default (refuse) does not count.
 */
export function allowPipedReviews(config: string): string {
  if (/^review:/m.test(config)) throw new Error('allowPipedReviews: this configuration has its own review: block; add piped: allow to it');
  return `${config.endsWith('\n') ? config : `${config}\n`}review:\n  piped: allow\n`;
}
