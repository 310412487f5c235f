import type { Upcaster, VersionedEvent } from './upcaster';

/** Two upcasters for one step, or a step that skips versions: refused when the registry is built. */
export class InvalidUpcasterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUpcasterError';
  }
}

/**
 * The upcasters of every event type, chained to the latest version. `upcast` returns a new event and leaves
 * its argument as it was, so an event read from the log is never changed in place.
 */
export class UpcasterRegistry {
  /** type -> fromVersion -> upcaster */
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster<never, unknown>[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register<From, To>(upcaster: Upcaster<From, To>): this {
    if (upcaster.toVersion !== upcaster.fromVersion + 1) {
      throw new InvalidUpcasterError(
        `${upcaster.type}: an upcaster goes one version up, not v${upcaster.fromVersion} -> v${upcaster.toVersion}`,
      );
    }
    const byVersion =
      this.steps.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (byVersion.has(upcaster.fromVersion)) {
      throw new InvalidUpcasterError(
        `${upcaster.type}: two upcasters from v${upcaster.fromVersion}`,
      );
    }
    byVersion.set(upcaster.fromVersion, upcaster as Upcaster);
    this.steps.set(upcaster.type, byVersion);
    return this;
  }

  /** The version `upcast` brings an event of this type to, starting from `fromVersion`. */
  latestVersion(type: string, fromVersion = 1): number {
    let version = fromVersion;
    while (this.steps.get(type)?.has(version)) version += 1;
    return version;
  }

  /** The event at the latest schema version of its type; the same object when no upcaster applies. */
  upcast<Event extends VersionedEvent>(event: Event): Event {
    const byVersion = this.steps.get(event.type);
    let step = byVersion?.get(event.schemaVersion);
    if (!byVersion || !step) return event;
    let data = event.data;
    let version = event.schemaVersion;
    while (step) {
      data = step.upcast(data as never);
      version = step.toVersion;
      step = byVersion.get(version);
    }
    return { ...event, schemaVersion: version, data };
  }
}
