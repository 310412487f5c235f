const nodeAppWebpackConfig = require('../../tools/webpack/node-app.webpack');

// Files the compiled CLI reads beside its bundle:
// - audit/export/: `itsm export --audit` ships the standalone verifier, its hashing and the hashing specification in
//   every export.
module.exports = nodeAppWebpackConfig('cli', {
  assets: [
    { input: 'libs/audit/application/src/export', glob: 'standalone-verifier.mjs', output: 'audit/export' },
    { input: 'libs/audit/application/src/export', glob: 'verify-hashing.cjs', output: 'audit/export' },
    { input: 'docs', glob: 'audit-hashing.md', output: 'audit/export' },
  ],
});
