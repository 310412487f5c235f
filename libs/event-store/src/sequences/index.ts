export { SqlNumberSequence, type SqlNumberSequenceOptions } from './sql-number-sequence';
export { assertSchemaName, assertSqlName, onceDdl } from './idempotent-ddl';
