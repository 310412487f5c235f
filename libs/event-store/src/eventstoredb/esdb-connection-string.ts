/**
 * `@eventstore/db-client` 6.x only parses `esdb://` and `esdb+discover://`; KurrentDB's newer schemes
 * (`kurrentdb://`, `kdb://`, which our runtime config accepts) name the same gRPC endpoint.
 */
export const toEsdbConnectionString = (connectionString: string): string =>
  connectionString.replace(/^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, (_scheme, discover: string | undefined) => `esdb${discover ?? ''}://`);
