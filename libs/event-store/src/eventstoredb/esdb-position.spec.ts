import { START } from '@eventstore/db-client';
import { toEsdbConnectionString } from './esdb-connection-string';
import { toGlobalPosition, toReadPosition } from './esdb-position';

describe('EventStoreDB positions', () => {
  it('uses the commit position as global position', () => {
    expect(toGlobalPosition({ commit: 123_456n, prepare: 123_456n }, 'e1')).toBe(123_456);
  });

  it('refuses the "no position" marker old servers send for stream reads', () => {
    expect(() => toGlobalPosition({ commit: 18_446_744_073_709_551_615n, prepare: 0n }, 'e1')).toThrow(/not a usable global position/);
  });

  it('starts at the beginning of $all for no checkpoint or -1, else at the checkpoint', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition(null)).toBe(START);
    expect(toReadPosition(-1)).toBe(START);
    expect(toReadPosition(2048)).toEqual({ commit: 2048n, prepare: 2048n });
  });
});

describe('EventStoreDB connection strings', () => {
  it('passes esdb:// through and maps KurrentDB schemes to the ones client 6.x parses', () => {
    expect(toEsdbConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toEsdbConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toEsdbConnectionString('kdb+discover://a:2113,b:2113')).toBe('esdb+discover://a:2113,b:2113');
  });
});
