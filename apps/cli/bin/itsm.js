#!/usr/bin/env node
// Runs the CLI from its TypeScript source, no build needed: `npm run itsm -- …` and the `itsm` bin both use this.
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
process.env.TS_NODE_PROJECT ??= join(root, 'apps/cli/tsconfig.app.json');
process.env.TS_NODE_BASEURL ??= root;
require('ts-node/register/transpile-only');
require('tsconfig-paths/register');
require(join(root, 'apps/cli/src/main.ts'));
