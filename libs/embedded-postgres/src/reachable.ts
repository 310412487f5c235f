import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ServerAccount } from './server-account';

const SEARCH_BY_OTHERS = 0o001;
const SEARCH_BY_GROUP = 0o010;
const SEARCH_BY_OWNER = 0o100;

/**
 * When the server runs as another account (this process is root), every folder above its data must be
 * searchable by that account, or the server fails to start with a bare "Permission denied". Said up front,
 * with the folder to fix.
 */
export const assertReachableBy = (account: ServerAccount, path: string): void => {
  if (account.uid === undefined) return;
  for (let folder = dirname(resolve(path)); ; folder = dirname(folder)) {
    const { mode, uid, gid } = statSync(folder);
    const searchable =
      (mode & SEARCH_BY_OTHERS) !== 0 ||
      (uid === account.uid && (mode & SEARCH_BY_OWNER) !== 0) ||
      (gid === account.gid && (mode & SEARCH_BY_GROUP) !== 0);
    if (!searchable) {
      throw new Error(
        `The PostgreSQL server runs as "${account.name}" (PostgreSQL refuses root), which cannot reach ${path}: ` +
          `${folder} is not searchable by it. Put the data directory elsewhere (ITSM_DATA_DIR), run \`chmod o+x ${folder}\`, ` +
          'or start the platform as a normal user.',
      );
    }
    if (dirname(folder) === folder) return;
  }
};
