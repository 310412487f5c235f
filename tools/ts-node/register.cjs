// Loads TypeScript sources in processes that specs start from source (platform-kit `startScriptProcess`): ts-node
// with SWC as its transpiler, about four times less CPU than TypeScript's own transpile at every app start (the
// platform: ~3 s instead of ~16 s), which a test run starting dozens of app processes pays each time. ts-node reads
// the rest of its settings (TS_NODE_PROJECT, …) from the environment, decorator metadata included.
require('ts-node').register({ transpileOnly: true, swc: true });
