/** One data key of one subject; `key` is null once the subject was erased. */
export interface DataKey {
  keyId: string;
  subjectRef: string;
  key: Buffer | null;
}

export type LiveDataKey = DataKey & { key: Buffer };

/** The key table: per data subject (by its keyed reference) the data keys its personal fields are encrypted with. */
export interface SubjectKeys {
  /** The subject's live key; created (in one statement) when it has none. */
  keyForSubject(subjectRef: string): Promise<LiveDataKey>;
  /** The keys with these ids, erased ones with `key: null`; ids the table does not know are absent. */
  keysById(keyIds: readonly string[]): Promise<Map<string, DataKey>>;
  /** Deletes the key material of every key of the subject; returns how many keys it deleted. */
  eraseSubject(subjectRef: string): Promise<number>;
  /** The log's own secret for subject references (HMAC key), created on first use. */
  subjectRefSecret(): Promise<Buffer>;
  /** Other processes' erasures (LISTEN/NOTIFY on a server), so cached keys are dropped; absent where none can happen. */
  onErased?(listener: () => void): Promise<() => Promise<void>>;
}
