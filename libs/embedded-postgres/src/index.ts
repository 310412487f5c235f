export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresLogLevel, type EmbeddedPostgresOptions } from './embedded-postgres';
export { findPostgresBinaries, PostgresBinariesMissing, type PostgresBinaries } from './postgres-binaries';
export { runningPostmasterOf } from './leftover-server';
export { isProcessRunning, processStartOf } from './process-liveness';
