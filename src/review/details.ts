// What a change that is not lines shows on its one screen: sizes and object ids of a binary,
// old → new mode, old → new symlink target, submodule commits, a deleted file's size, a rename's
// paths. Pure: the CLI looks the sizes up (`git cat-file -s`) and passes them in.
import type { ReviewItem } from '../diff/model.js';

/** Object ids whose size should be looked up for these items. */
export function oidsToSize(items: readonly ReviewItem[]): string[] {
  const out = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'binary' && item.kind !== 'delete') continue;
    for (const oid of [item.file.oldOid, item.file.newOid]) if (oid && !/^0+$/.test(oid)) out.add(oid);
  }
  return [...out];
}

const size = (n: number | undefined) => (n === undefined ? 'size unknown' : `${n.toLocaleString('en-US')} bytes`);

export function itemDetails(item: ReviewItem, sizes: ReadonlyMap<string, number>): string[] {
  const f = item.file;
  const side = (label: string, oid: string | null) => (oid ? `${label}: ${oid} (${size(sizes.get(oid))})` : `${label}: none`);
  switch (item.kind) {
    case 'binary':
      return [side('old', f.oldOid), side('new', f.newOid)];
    case 'delete':
      return [side('was', f.oldOid), `mode ${f.oldMode ?? 'unknown'}`];
    case 'mode':
      return [`old mode ${f.oldMode ?? 'none'} → new mode ${f.newMode ?? 'none'}`, f.newMode === '100755' ? 'the file becomes executable' : f.oldMode === '100755' ? 'the file is no longer executable' : ''].filter(Boolean);
    case 'rename':
      return [`from ${f.oldPath ?? '?'}`, `to   ${f.newPath ?? '?'}`, f.similarity === null ? '' : `${f.similarity}% similar`].filter(Boolean);
    case 'submodule':
      return [`old commit ${f.oldOid ?? 'none'}`, `new commit ${f.newOid ?? 'none'}`];
    case 'symlink':
      return [`old mode ${f.oldMode ?? 'none'} → new mode ${f.newMode ?? 'none'}`];
    default:
      return [];
  }
}
