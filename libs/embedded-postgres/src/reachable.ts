import { chmodSync, chownSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ServerAccount } from './server-account';

const SEARCH_BY_OTHERS = 0o001;
const SEARCH_BY_GROUP = 0o010;
const SEARCH_BY_OWNER = 0o100;

const searchableBy = (account: ServerAccount, folder: string): boolean => {
  const { mode, uid, gid } = statSync(folder);
  return (
    (mode & SEARCH_BY_OTHERS) !== 0 ||
    (uid === account.uid && (mode & SEARCH_BY_OWNER) !== 0) ||
    (gid === account.gid && (mode & SEARCH_BY_GROUP) !== 0)
  );
};

/**
 * The folder holding the cluster belongs to this process (the platform's data directory): when the server's
 * account cannot pass through it (created 0700, say), it is given to that account's group with search rights
 * only (g+x: no listing, no reading).
 */
export const letAccountPassThrough = (account: ServerAccount, folder: string): void => {
  if (account.uid === undefined || account.gid === undefined || searchableBy(account, folder)) return;
  const { mode, uid } = statSync(folder);
  chownSync(folder, uid, account.gid);
  chmodSync(folder, (mode & 0o7777) | SEARCH_BY_GROUP);
};

/**
 * When the server runs as another account (this process is root), every folder above its data must be
 * searchable by that account, or the server fails to start with a bare "Permission denied". Said up front,
 * with the folder to fix.
 */
export const assertReachableBy = (account: ServerAccount, path: string): void => {
  if (account.uid === undefined) return;
  for (let folder = dirname(resolve(path)); ; folder = dirname(folder)) {
    if (!searchableBy(account, folder)) {
      throw new Error(
        `The PostgreSQL server runs as "${account.name}" (PostgreSQL refuses root), which cannot reach ${path}: ` +
          `${folder} is not searchable by it. Put the data directory elsewhere (ITSM_DATA_DIR), run \`chmod o+x ${folder}\`, ` +
          'or start the platform as a normal user.',
      );
    }
    if (dirname(folder) === folder) return;
  }
};
