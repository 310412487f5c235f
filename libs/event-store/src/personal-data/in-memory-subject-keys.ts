import { randomBytes, randomUUID } from 'node:crypto';
import { newDataKey } from './field-cipher';
import type { DataKey, LiveDataKey, SubjectKeys } from './subject-keys.port';

/** The key table in the process's memory: for the in-memory store and specs. */
export class InMemorySubjectKeys implements SubjectKeys {
  private readonly keys = new Map<string, DataKey>();
  private readonly secret = randomBytes(32);
  /** How many times the table was asked (specs check that cached keys cost nothing). */
  lookups = 0;

  async keyForSubject(subjectRef: string): Promise<LiveDataKey> {
    this.lookups += 1;
    const live = [...this.keys.values()].find((key) => key.subjectRef === subjectRef && key.key !== null);
    if (live) return { ...live } as LiveDataKey;
    const created: LiveDataKey = { keyId: randomUUID(), subjectRef, key: newDataKey() };
    this.keys.set(created.keyId, created);
    return { ...created };
  }

  async keysById(keyIds: readonly string[]): Promise<Map<string, DataKey>> {
    this.lookups += 1;
    return new Map(keyIds.flatMap((id) => (this.keys.has(id) ? [[id, { ...(this.keys.get(id) as DataKey) }] as const] : [])));
  }

  async eraseSubject(subjectRef: string): Promise<number> {
    let erased = 0;
    for (const key of this.keys.values()) {
      if (key.subjectRef === subjectRef && key.key !== null) {
        key.key = null;
        erased += 1;
      }
    }
    return erased;
  }

  async subjectRefSecret(): Promise<Buffer> {
    return this.secret;
  }
}
