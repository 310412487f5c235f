import { InvalidUpcasterError, UpcasterRegistry } from './upcaster-registry';
import type { Upcaster } from './upcaster';

interface ServiceRegisteredV1 {
  name: string;
}
interface ServiceRegisteredV2 {
  name: string;
  tier: string;
}
interface ServiceRegisteredV3 {
  displayName: string;
  tier: string;
}

const addTier: Upcaster<ServiceRegisteredV1, ServiceRegisteredV2> = {
  type: 'ServiceRegistered',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ ...data, tier: 'standard' }),
};
const renameToDisplayName: Upcaster<ServiceRegisteredV2, ServiceRegisteredV3> =
  {
    type: 'ServiceRegistered',
    fromVersion: 2,
    toVersion: 3,
    upcast: ({ name, tier }) => ({ displayName: name, tier }),
  };

const v1Event = () => ({
  eventId: 'e-1',
  type: 'ServiceRegistered',
  schemaVersion: 1,
  data: { name: 'Email' } as unknown,
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([addTier, renameToDisplayName]);

  it('chains a v1 event through every step to the latest version', () => {
    expect(registry.upcast(v1Event())).toEqual({
      eventId: 'e-1',
      type: 'ServiceRegistered',
      schemaVersion: 3,
      data: { displayName: 'Email', tier: 'standard' },
    });
  });

  it('starts the chain at the version the event was written in', () => {
    const v2 = {
      ...v1Event(),
      schemaVersion: 2,
      data: { name: 'Email', tier: 'gold' },
    };
    expect(registry.upcast(v2).data).toEqual({
      displayName: 'Email',
      tier: 'gold',
    });
  });

  it('never changes the event it was given (stored events are not rewritten)', () => {
    const stored = v1Event();
    registry.upcast(stored);
    expect(stored).toEqual(v1Event());
  });

  it('returns the same event when it is already at the latest version or its type has no upcasters', () => {
    const latest = {
      ...v1Event(),
      schemaVersion: 3,
      data: { displayName: 'Email', tier: 'gold' },
    };
    const other = { ...v1Event(), type: 'ServiceRetired' };
    expect(registry.upcast(latest)).toBe(latest);
    expect(registry.upcast(other)).toBe(other);
  });

  it('names the latest version of each type', () => {
    expect(registry.latestVersion('ServiceRegistered')).toBe(3);
    expect(registry.latestVersion('ServiceRetired')).toBe(1);
  });

  it('refuses a step that skips a version', () => {
    expect(() => new UpcasterRegistry([{ ...addTier, toVersion: 3 }])).toThrow(
      InvalidUpcasterError,
    );
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => new UpcasterRegistry([addTier, { ...addTier }])).toThrow(
      /two upcasters from v1/,
    );
  });
});
