#!/usr/bin/env node
// `npm run itsm -- …` and the `itsm` bin: runs the CLI compiled (dist/apps/cli/main.js), so that a short command
// such as `itsm token` starts in a fraction of a second instead of compiling TypeScript on every run. The build
// (the cli project's Nx build target) runs first when it is missing or older than the sources it is made from.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const { join, relative, isAbsolute } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const compiled = join(root, 'dist/apps/cli/main.js');

/** Newest modification time of the TypeScript sources, worker and shipped script files and tsconfig files under `folder` (specs left out). */
const newestSource = (folder) => {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/^tsconfig.*\.json$|(?<!\.spec)\.ts$|\.worker\.cjs$|^standalone-verifier\.mjs$|^verify-hashing\.cjs$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

const isStale = () => {
  if (!existsSync(compiled)) return true;
  const builtAt = statSync(compiled).mtimeMs;
  return [join(root, 'apps/cli'), join(root, 'libs')].some((folder) => newestSource(folder) > builtAt) || [join(root, 'tsconfig.base.json'), join(root, 'docs/audit-hashing.md')].some((file) => statSync(file).mtimeMs > builtAt);
};

/**
 * The default data directory is ./data of the current folder, as for `npm start`: from elsewhere, with no data
 * directory named, a command would make a new key and folder there instead of using the platform's.
 */
const outsideTheRepository = () => {
  const fromRoot = relative(root, process.cwd());
  const inside = fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
  const named = ['ITSM_DATA_DIR', 'DATABASE_URL', 'EVENTSTORE_URL', 'ITSM_JWT_SECRET'].some((variable) => process.env[variable]);
  const asked = process.argv.slice(2).some((arg) => arg.startsWith('--data-dir') || arg === '--help' || arg === '-h');
  return !inside && !named && !asked && process.argv.length > 2 && !existsSync('data');
};

if (outsideTheRepository()) {
  process.stderr.write(
    `itsm: run it from the repository folder, where the platform keeps ./data: cd ${root} && npm run -s itsm -- ${process.argv.slice(2).join(' ')}\n` +
      "      (or name the platform's data directory here with ITSM_DATA_DIR=… or --data-dir …)\n",
  );
  process.exit(2);
}

if (isStale()) {
  process.stderr.write('itsm: building the CLI first (npx nx build cli), once per change of its sources\n');
  // Its output goes to stderr: stdout is the command's answer (TOKEN=$(npm run -s itsm -- token …) must hold only the token).
  const build = spawnSync('npx', ['nx', 'build', 'cli', '--output-style=static'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    // Nx loads its TypeScript config files with ts-node without printing "Falling back to ts-node" for each.
    env: { ...process.env, NX_PREFER_TS_NODE: 'true' },
  });
  if (build.status !== 0) {
    process.stderr.write(`itsm: the build failed (exit ${build.status ?? build.signal}); run npx nx build cli to see why\n`);
    process.exit(1);
  }
  // Nx leaves an output that matches its cache untouched: mark it as up to date with the sources just checked.
  const now = new Date();
  utimesSync(compiled, now, now);
}
require(compiled);
