/**
 * Which fields of which event types are personal, and whose (the registry itself is `PERSONAL_DATA_FIELDS` of
 * `@itsm/contracts`; the store takes it as a parameter, as the pipeline takes the upcasters).
 */
export interface PersonalFields {
  /** `{ field }`: the data field holding the subject's id; `'stream'`: the subject of the stream's first event. */
  readonly subject: { readonly field: string } | 'stream';
  readonly fields: readonly string[];
}

export type PersonalDataPolicy = Readonly<Record<string, PersonalFields>>;

/** What an erased personal field reads as, on every read path, whatever its type was. */
export const ERASED_FIELD_VALUE = '[erased]';
