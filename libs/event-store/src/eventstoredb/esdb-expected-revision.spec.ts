import { NO_STREAM } from '@eventstore/db-client';
import { fromEsdbCurrentRevision, retriesAfterConflict, toEsdbAppendRevision } from './esdb-expected-revision';

describe('EventStoreDB expected revisions', () => {
  it('appends to an empty stream with NO_STREAM and otherwise with the exact revision sealed against', () => {
    expect(toEsdbAppendRevision(-1)).toBe(NO_STREAM);
    expect(toEsdbAppendRevision(0)).toBe(0n);
    expect(toEsdbAppendRevision(41)).toBe(41n);
  });

  it("reads the server's current revision as ours, -1 for a stream without events", () => {
    expect(fromEsdbCurrentRevision(7n)).toBe(7);
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(-1);
    expect(fromEsdbCurrentRevision(-1n)).toBe(-1);
  });

  it('retries a conflict only when the expectation can still hold after another append', () => {
    expect(retriesAfterConflict('any')).toBe(true);
    expect(retriesAfterConflict('stream-exists')).toBe(true);
    expect(retriesAfterConflict('no-stream')).toBe(false);
    expect(retriesAfterConflict(3)).toBe(false);
  });
});
