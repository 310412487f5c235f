const nodeAppWebpackConfig = require('../../tools/webpack/node-app.webpack');

// The parallel `itsm verify` runs this worker file in threads: it goes beside the bundle, in audit/.
module.exports = nodeAppWebpackConfig('cli', {
  assets: [{ input: 'libs/audit/application/src/verify/parallel', glob: '*.worker.cjs', output: 'audit' }],
});
