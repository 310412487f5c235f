import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { settleLeftoverServer, SHUTDOWN_STEPS } from './leftover-server';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { assertReachableBy, letAccountPassThrough } from './reachable';
import { giveToAccount, serverAccount, type ServerAccount } from './server-account';

export type EmbeddedPostgresLogLevel = 'debug' | 'info' | 'warn';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder (PGDATA): initialised on first start, reused after. */
  directory: string;
  /** The database to serve, created on first start; default `itsm`. */
  database?: string;
  /** The account the server runs as when this process is root (PostgreSQL refuses root); default `postgres`. */
  accountWhenRoot?: string;
  /** How long start may take, crash recovery included; default 10 minutes. */
  startTimeoutMs?: number;
  /** Server settings on top of the durable defaults (`-c name=value`). */
  settings?: Record<string, string>;
  /** This library's steps and the server's own log lines. */
  log?: (message: string, level: EmbeddedPostgresLogLevel) => void;
  /** Called when the server ends without `stop()` being asked for (killed, out of memory). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** A PostgreSQL server running in a folder, child of this process, reachable only through its Unix socket. */
export interface EmbeddedPostgres {
  /** `postgresql://…?host=<socket folder>` for `pg`. */
  readonly connectionString: string;
  readonly socketDirectory: string;
  readonly database: string;
  readonly pid: number;
  /** Major version of the server. */
  readonly version: string;
  /** Resolves when the server process has ended, whoever ended it. */
  readonly exited: Promise<void>;
  /** Fast shutdown: open transactions are rolled back, a checkpoint is written, the process exits. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PORT = 5432;
/** Linux keeps 108 bytes for a socket path; the socket file is `<folder>/.s.PGSQL.5432`. */
const MAX_SOCKET_FOLDER_LENGTH = 100 - `/.s.PGSQL.${PORT}`.length;

/**
 * Durability is PostgreSQL's default and is spelled out so that nobody tunes it away: every commit is flushed
 * to the WAL on disk before it is acknowledged (fsync, synchronous_commit), and torn pages are repaired from
 * full-page images (full_page_writes). The server listens on no TCP port: only the Unix socket in a folder
 * this account owns.
 */
const DURABLE_SETTINGS: Record<string, string> = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  listen_addresses: '',
  unix_socket_permissions: '0700',
  TimeZone: 'UTC',
  log_timezone: 'UTC',
  lc_messages: 'C',
};

/** The server's locale: UTF-8 aware where the machine has one, else plain C (text search still works). */
const bestLocale = (): string => {
  const listed = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const locales = new Set((listed.stdout ?? '').split('\n').map((name) => name.trim().toLowerCase()));
  return locales.has('c.utf8') || locales.has('c.utf-8') ? 'C.UTF-8' : 'C';
};

const socketFolderFor = (directory: string, account: ServerAccount): string => {
  if (directory.length <= MAX_SOCKET_FOLDER_LENGTH) return directory;
  // A deep data folder: the socket goes to a short private folder named after it.
  const folder = join(tmpdir(), `itsm-pg-${createHash('sha256').update(directory).digest('hex').slice(0, 16)}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  giveToAccount(account, folder);
  return folder;
};

/** Runs a program to its end, as the server's account; rejects with its output when it fails. */
const runProgram = (program: string, args: string[], account: ServerAccount) =>
  new Promise<void>((done, fail) => {
    const child = spawn(program, args, { uid: account.uid, gid: account.gid, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${program} failed (${code}): ${output.trim()}`))));
  });

/**
 * initdb into a sibling folder, renamed into place when complete: a crash during initdb leaves no folder that
 * looks like a cluster.
 */
const initialise = async (directory: string, binaries: PostgresBinaries, account: ServerAccount, log: (message: string) => void) => {
  if (existsSync(directory)) {
    if (readdirSync(directory).length > 0) {
      throw new Error(`${directory} holds files but no PostgreSQL cluster (no PG_VERSION): move them away, or point ITSM_DATA_DIR elsewhere`);
    }
    rmSync(directory, { recursive: true });
  }
  const staging = `${directory}.initdb-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  giveToAccount(account, staging);
  log(`initialising a PostgreSQL ${binaries.version} cluster in ${directory}`);
  try {
    await runProgram(
      binaries.initdb,
      [`--pgdata=${staging}`, `--username=${SUPERUSER}`, '--auth=trust', '--encoding=UTF8', `--locale=${bestLocale()}`, '--data-checksums', '--no-instructions'],
      account,
    );
    renameSync(staging, directory);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
};

const connectionStringOf = (socketFolder: string, database: string) =>
  `postgresql://${SUPERUSER}@localhost:${PORT}/${database}?host=${encodeURIComponent(socketFolder)}`;

/** What the server answers the readiness probe while it starts: expected, not a warning. */
const STARTING_UP = /the database system is (starting up|not yet accepting connections|in recovery mode)/;

/** Errors that mean "not accepting connections yet": socket not there, refused, starting up or in recovery. */
const isNotReadyYet = (error: unknown): boolean => {
  const { code } = error as { code?: string };
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === '57P03';
};

const serverLines = (child: ChildProcess, onLine: (line: string) => void) => {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', onLine);
  }
};

/**
 * Starts PostgreSQL on `directory` (initialising it first when new) and resolves once it accepts connections
 * and the database exists. A server left running by an earlier process on the same folder (that process was
 * killed) is shut down first: the caller makes sure no live process still uses it.
 */
export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  const directory = resolve(options.directory);
  const database = options.database ?? 'itsm';
  const say = options.log ?? (() => undefined);
  const info = (message: string) => say(message, 'info');
  const binaries = findPostgresBinaries();
  mkdirSync(dirname(directory), { recursive: true });
  const account = serverAccount(options.accountWhenRoot ?? 'postgres', info);
  letAccountPassThrough(account, dirname(directory));
  assertReachableBy(account, directory);

  if (!existsSync(join(directory, 'PG_VERSION'))) await initialise(directory, binaries, account, info);
  await settleLeftoverServer(directory, say);

  const socketDirectory = socketFolderFor(directory, account);
  const args = ['-D', directory, '-k', socketDirectory, '-p', String(PORT)];
  for (const [name, value] of Object.entries({ ...DURABLE_SETTINGS, ...options.settings })) args.push('-c', `${name}=${value}`);
  const server = await launchWithRetries({ binaries, args, account, say, socketDirectory, startTimeoutMs: options.startTimeoutMs ?? 600_000 });
  await ensureDatabase(connectionStringOf(socketDirectory, 'postgres'), database, info);
  info(`PostgreSQL ${binaries.version} ready on ${socketDirectory} (pid ${server.child.pid})`);
  server.onUnexpectedExit = options.onUnexpectedExit;

  return {
    connectionString: connectionStringOf(socketDirectory, database),
    socketDirectory,
    database,
    pid: server.child.pid as number,
    version: binaries.version,
    exited: server.exited,
    async stop() {
      const { child } = server;
      if (child.exitCode !== null || child.signalCode !== null) return;
      server.onUnexpectedExit = undefined;
      await stopChild(child, server.exited, (message) => say(message, 'warn'));
    },
  };
};

interface LaunchSettings {
  binaries: PostgresBinaries;
  args: string[];
  account: ServerAccount;
  say: (message: string, level: EmbeddedPostgresLogLevel) => void;
  socketDirectory: string;
  startTimeoutMs: number;
}

interface LaunchedServer {
  child: ChildProcess;
  exited: Promise<void>;
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

class ServerStartFailure extends Error {
  constructor(
    what: string,
    readonly lines: readonly string[],
  ) {
    super(`PostgreSQL ${what}. Its last lines:\n${lines.join('\n')}`);
  }
}

/**
 * Right after a crash the previous server's pid file or shared memory can still look in use for a moment
 * (its processes not yet reaped): PostgreSQL then refuses to start, correctly, and a later try succeeds.
 */
const INTERLOCK_STILL_HELD = /lock file "postmaster\.pid" already exists|pre-existing shared memory block/;

const launchWithRetries = async (settings: LaunchSettings): Promise<LaunchedServer> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(settings);
    } catch (error) {
      const transient = error instanceof ServerStartFailure && error.lines.some((line) => INTERLOCK_STILL_HELD.test(line));
      if (!transient || attempt >= 30) throw error;
      settings.say(`PostgreSQL found the previous server's interlock still held; trying again (${attempt})`, 'info');
      await sleep(1_000);
    }
  }
};

const launch = async ({ binaries, args, account, say, socketDirectory, startTimeoutMs }: LaunchSettings): Promise<LaunchedServer> => {
  const child = spawn(binaries.postgres, args, {
    uid: account.uid,
    gid: account.gid,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in a terminal reaches this process, which drains its requests and then
    // stops the server, instead of reaching the server at once.
    detached: true,
  });
  const recentLines: string[] = [];
  serverLines(child, (line) => {
    recentLines.push(line);
    if (recentLines.length > 30) recentLines.shift();
    say(`postgres: ${line}`, /\b(FATAL|PANIC|ERROR):/.test(line) && !STARTING_UP.test(line) ? 'warn' : 'debug');
  });
  const server: LaunchedServer = {
    child,
    exited: new Promise<void>((done) =>
      child.once('exit', (code, signal) => {
        server.onUnexpectedExit?.(code, signal);
        done();
      }),
    ),
  };
  // Lines may still be in the pipe when the exit is seen.
  const failure = async (what: string) => {
    await Promise.race([server.exited, sleep(1_000, undefined, { ref: false })]);
    return new ServerStartFailure(what, [...recentLines]);
  };
  await waitUntilAccepting(connectionStringOf(socketDirectory, 'postgres'), child, startTimeoutMs, (message) => say(message, 'info'), failure);
  return server;
};

/** As `stopPostmaster`, for the server this process started (its exit is observed, not polled). */
const stopChild = async (child: ChildProcess, exited: Promise<void>, warn: (message: string) => void) => {
  for (const [signal, timeoutMs] of SHUTDOWN_STEPS) {
    child.kill(signal);
    const stopped = await Promise.race([exited.then(() => true), sleep(timeoutMs, false, { ref: false })]);
    if (stopped) return;
    warn(`PostgreSQL (pid ${child.pid}) did not stop within ${timeoutMs / 1000} s of ${signal}`);
  }
};

const waitUntilAccepting = async (
  connectionString: string,
  child: ChildProcess,
  timeoutMs: number,
  info: (message: string) => void,
  failure: (what: string) => Promise<Error>,
) => {
  const startedAt = Date.now();
  let reportedAt = startedAt;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw await failure(`exited (${child.exitCode ?? child.signalCode}) while starting`);
    const client = new Client({ connectionString });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!isNotReadyYet(error)) throw await failure(`refused the first connection: ${(error as Error).message}`);
    }
    if (Date.now() - startedAt > timeoutMs) {
      child.kill('SIGQUIT');
      throw await failure(`did not accept connections within ${Math.round(timeoutMs / 1000)} s`);
    }
    if (Date.now() - reportedAt > 5_000) {
      reportedAt = Date.now();
      info(`PostgreSQL is starting (crash recovery replays the write-ahead log): ${Math.round((reportedAt - startedAt) / 1000)} s so far`);
    }
    await sleep(50);
  }
};

const ensureDatabase = async (connectionString: string, database: string, info: (message: string) => void) => {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      info(`creating database ${database}`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
};
