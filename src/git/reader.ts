// Reading the content being judged: the index (staged mode) or a commit's tree (range mode).
// check reads evidence, plans and test files through this, never from the work tree.

export interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly oid: string;
}

export interface ContentReader {
  /** Human description: 'the index' or 'commit abc1234'. */
  readonly describe: string;
  /** Every file (blob, symlink, submodule) in the tree, with mode and object id. */
  entries(): Promise<readonly TreeEntry[]>;
  /** The blob contents of the given paths; paths that are absent are absent from the map. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>;
}
