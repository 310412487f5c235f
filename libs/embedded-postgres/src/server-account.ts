import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { userInfo } from 'node:os';

/** The operating-system account the server runs as: this process's own, or another when this one is root. */
export interface ServerAccount {
  name: string;
  /** Set only when the server must run as another account (spawn's uid/gid). */
  uid?: number;
  gid?: number;
}

const idOf = (flag: '-u' | '-g', name: string): number =>
  Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());

const accountExists = (name: string): boolean => {
  try {
    idOf('-u', name);
    return true;
  } catch {
    return false;
  }
};

/**
 * PostgreSQL refuses to run as root. A process running as root (containers, CI) starts the server as `name`
 * instead, creating that system account (no home, no login) when the machine has none — as Debian's own
 * packages do for their server.
 */
export const serverAccount = (name: string, log: (message: string) => void): ServerAccount => {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username };
  if (!accountExists(name)) {
    log(`running as root: creating the system account "${name}" for the PostgreSQL server`);
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(
        `PostgreSQL cannot run as root, and the account "${name}" could not be created (${(error as Error).message.split('\n')[0]}). ` +
          `Create it (useradd --system ${name}) or start the platform as a normal user.`,
      );
    }
  }
  return { name, uid: idOf('-u', name), gid: idOf('-g', name) };
};

/** Hands folders the server writes to over to its account (a no-op when the server runs as this process's account). */
export const giveToAccount = (account: ServerAccount, ...paths: string[]): void => {
  if (account.uid === undefined || account.gid === undefined) return;
  for (const path of paths) chownSync(path, account.uid, account.gid);
};
