import { EVENT_SCHEMA_VERSIONS } from './event-schemas';
import { GENERATED_EVENT_JSON_SCHEMAS } from './event-json-schemas.generated';

/** A JSON Schema (draft-07) as committed in `libs/contracts/schemas/`. */
export type EventJsonSchema = Readonly<Record<string, unknown>>;

/**
 * The JSON Schema of every event type and version, by `<Type>.v<n>`: generated from the `<Type>V<n>` data types by
 * `npm run contracts:schemas` (never written by hand; a spec fails while the files and the types disagree).
 */
export const EVENT_JSON_SCHEMAS: Readonly<Record<string, EventJsonSchema>> = GENERATED_EVENT_JSON_SCHEMAS;

/** The schema of one version of a type, by default the version written today; undefined when none is published. */
export const eventJsonSchema = (type: string, version: number | undefined = EVENT_SCHEMA_VERSIONS[type]): EventJsonSchema | undefined =>
  version === undefined ? undefined : EVENT_JSON_SCHEMAS[`${type}.v${version}`];
