import Ajv, { type ValidateFunction } from 'ajv';
import { EVENT_JSON_SCHEMAS, EVENT_SCHEMA_VERSIONS } from '../src/platform';

type Schema = Record<string, unknown>;

/**
 * A copy of a published schema that refuses fields it does not name: the published schemas are open (readers must
 * tolerate new optional fields), but a writer that emits a field its type does not declare is a bug to catch here.
 */
export const closedSchema = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'const' || key === 'enum' ? value : closedSchema(value)]));
  if (copy['properties'] !== undefined && copy['additionalProperties'] === undefined) copy['additionalProperties'] = false;
  return copy;
};

/** Validates events against their published schema at the version written today; ajv compiles each schema once. */
export class PublishedSchemaValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly schemas: Readonly<Record<string, unknown>> = EVENT_JSON_SCHEMAS) {}

  /** The problems of one event's data (empty when it matches); an unknown type or version is a problem too. */
  problems(event: { type: string; data: unknown }, version: number | undefined = EVENT_SCHEMA_VERSIONS[event.type]): string[] {
    const key = `${event.type}.v${version}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const schema = this.schemas[key];
      if (schema === undefined) return [`${event.type} has no published schema${version === undefined ? '' : ` for v${version}`} (libs/contracts/schemas)`];
      // ajv keys compiled schemas by $id; a closed copy is not the published schema, so it goes without one.
      const body = closedSchema(schema) as Schema;
      delete body['$id'];
      validate = this.ajv.compile(body);
      this.compiled.set(key, validate);
    }
    if (validate(event.data)) return [];
    return (validate.errors ?? []).map((error) =>
      `${error.instancePath || '(data)'} ${error.message ?? 'is invalid'}${error.keyword === 'additionalProperties' ? `: ${JSON.stringify(error.params)}` : ''}`,
    );
  }

  /** Throws, naming the event and every problem, when its data does not match its published schema. */
  assertMatches(event: { type: string; data: unknown }): void {
    const problems = this.problems(event);
    if (problems.length > 0) {
      throw new Error(
        `${event.type} v${EVENT_SCHEMA_VERSIONS[event.type] ?? '?'} does not match its published JSON Schema:\n  ${problems.join('\n  ')}\n` +
          `data: ${JSON.stringify(event.data)}\nChange the data type in libs/contracts (and run npm run contracts:schemas), or the decider.`,
      );
    }
  }
}
