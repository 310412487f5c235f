#!/usr/bin/env node
// `npm start` (`exec node scripts/start.mjs`): builds the embedded platform (and the web console when missing), then runs it in this same node
// process. npm passes SIGTERM and SIGINT on to its one child, which `exec` makes this process: they reach the
// platform's own handlers and it stops cleanly. A line `nx build … && node …` leaves a shell between npm and node,
// which does not pass SIGTERM on: npm exited and left the platform and its PostgreSQL server running.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync('npx', ['nx', 'build', 'platform', '--output-style=static'], {
  cwd: root,
  stdio: 'inherit',
  // Nx loads its TypeScript config files with ts-node without printing "Falling back to ts-node" for each.
  env: { ...process.env, NX_PREFER_TS_NODE: 'true' },
});
if (build.status !== 0) process.exit(build.status ?? 1);
// The web console the platform serves at `/` (apps/console, a Vite build): built once when missing.
if (!existsSync(join(root, 'dist/apps/console/index.html'))) {
  const consoleBuild = spawnSync('npx', ['nx', 'build', 'console', '--output-style=static'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_PREFER_TS_NODE: 'true' } });
  if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);
}
createRequire(import.meta.url)(join(root, 'dist/apps/platform/main.js'));
