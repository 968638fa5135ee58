/**
 * The header of LMDB's data file, read before lmdb-js opens it: a file that is
 * not LMDB's, or one truncated or damaged in its meta pages, is refused in
 * words instead of taking the process down (LMDB trusts its meta pages).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * LMDB's data file as this lmdb build writes it (mdb.c: MDB_page header of 24 bytes, then
 * MDB_meta), little-endian: two meta pages, each naming the free and main trees' roots,
 * the last page in use and its transaction id.
 */
const META_PAGE = { headerBytes: 24, flagsAt: 18, metaFlag: 0x08, magicAt: 24, magic: 0xbeefc0de, versionAt: 28, version: 2, pageSizeAt: 48 };
/** Within a meta page: MDB_db records (48 bytes: pad, flags, depth, page counts, entries, root) of the free and main trees, then mm_last_pg, mm_txnid. */
const META_FIELDS = { dbsAt: 48, dbBytes: 48, rootInDb: 40, lastPageAt: 144, txnAt: 152 };
/** Page header flags a tree root can have (P_BRANCH, P_LEAF, P_LEAF2). */
const ROOT_FLAGS = { branch: 0x01, leaf: 0x02, leaf2: 0x20 };
const NO_PAGE = 0xffffffffffffffffn;

/**
 * Why `file` is not a data file LMDB can open, or undefined if its header is
 * sound. lmdb-js crashes the whole process (SIGSEGV, or SIGBUS on a truncated
 * file) when LMDB refuses a data file or follows a meta page into garbage, so
 * nothing that fails LMDB's own header checks may reach it: both meta pages
 * are checked, every page they name must lie inside the file, and the roots
 * they point at must be tree pages. Damage deeper in the file is not found
 * here (see engine/src/faults/CONTEXT.md).
 */
export function lmdbDataFileProblem(file: string): string | undefined {
  // Opening a named pipe would block until a writer comes: look before opening, and open
  // without waiting (O_NONBLOCK does nothing to a regular file) in case it changed meanwhile.
  if (!statSync(file).isFile()) return 'its data.mdb is not a file';
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'its data.mdb is not a file';
    if (stat.size === 0) return 'its data.mdb is empty';
    const header = Buffer.alloc(META_PAGE.pageSizeAt + 4);
    if (readSync(fd, header, 0, header.length, 0) < header.length) return 'its data.mdb is too short to be an LMDB file';
    if ((header.readUInt16LE(META_PAGE.flagsAt) & META_PAGE.metaFlag) === 0 || header.readUInt32LE(META_PAGE.magicAt) !== META_PAGE.magic) {
      return 'its data.mdb is not an LMDB file';
    }
    const version = header.readUInt32LE(META_PAGE.versionAt) & 0xffff;
    if (version !== META_PAGE.version) return `its data.mdb has LMDB format version ${version}; this engine reads ${META_PAGE.version}`;
    const pageSize = header.readUInt32LE(META_PAGE.pageSizeAt);
    const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
    if (!validPageSize || stat.size < 2 * pageSize) return 'its data.mdb is damaged or truncated';
    const pages = BigInt(Math.floor(stat.size / pageSize));
    for (const metaPage of [0, 1]) {
      const damage = metaProblem(fd, metaPage, pageSize, pages);
      if (damage) return `its data.mdb is damaged (${damage})`;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function metaProblem(fd: number, metaPage: number, pageSize: number, pages: bigint): string | undefined {
  const meta = Buffer.alloc(META_FIELDS.txnAt + 8);
  readSync(fd, meta, 0, meta.length, metaPage * pageSize);
  const where = `meta page ${metaPage}`;
  if (
    meta.readBigUInt64LE(0) !== BigInt(metaPage) ||
    (meta.readUInt16LE(META_PAGE.flagsAt) & META_PAGE.metaFlag) === 0 ||
    meta.readUInt32LE(META_PAGE.magicAt) !== META_PAGE.magic ||
    (meta.readUInt32LE(META_PAGE.versionAt) & 0xffff) !== META_PAGE.version
  ) {
    return `${where} is not an LMDB meta page`;
  }
  const lastPage = meta.readBigUInt64LE(META_FIELDS.lastPageAt);
  // mm_last_pg counts every page a commit allocated, and some never reach the file: a sound
  // database was seen with it 2 pages past the end. Only a shortfall past this margin is truncation.
  const margin = 16n + pages / 32n;
  if (lastPage >= pages + margin) return `${where} uses pages up to ${lastPage}, but the file ends at page ${pages - 1n}: it is truncated or the meta page is damaged`;
  for (const db of [0, 1]) {
    const root = meta.readBigUInt64LE(META_FIELDS.dbsAt + db * META_FIELDS.dbBytes + META_FIELDS.rootInDb);
    if (root === NO_PAGE) continue;
    if (root < 2n || root > lastPage) return `${where} names root page ${root} outside the pages in use`;
    // A root was written by its commit, so it lies inside the file.
    if (root >= pages) return `${where} names root page ${root}, but the file ends at page ${pages - 1n}: it is truncated`;
    const page = Buffer.alloc(META_PAGE.headerBytes);
    readSync(fd, page, 0, page.length, Number(root) * pageSize);
    const flags = page.readUInt16LE(META_PAGE.flagsAt);
    const isTreePage = (flags & (ROOT_FLAGS.branch | ROOT_FLAGS.leaf)) !== 0 && (flags & ~(ROOT_FLAGS.branch | ROOT_FLAGS.leaf | ROOT_FLAGS.leaf2)) === 0;
    if (page.readBigUInt64LE(0) !== root || !isTreePage) return `root page ${root} of ${where} is not a tree page`;
  }
  return undefined;
}
