import { readFileSync } from 'node:fs';
import { EVENT_JSON_SCHEMAS, EVENT_SCHEMA_VERSIONS, eventJsonSchema } from '../src/platform';
import {
  BARREL_FILE,
  eventVersions,
  generateEventSchemas,
  readCommittedSchemas,
  renderBarrel,
  renderSchema,
  type EventSchemaFile,
} from './generate-event-schemas';

describe('event JSON Schemas', () => {
  let generated: EventSchemaFile[];

  beforeAll(() => {
    generated = generateEventSchemas();
  }, 120_000);

  it('are committed exactly as the contract types give them (else run npm run contracts:schemas)', () => {
    const committed = readCommittedSchemas();
    expect([...committed.keys()]).toEqual(generated.map((entry) => entry.file).sort());
    for (const entry of generated) {
      expect({ file: entry.file, text: renderSchema(committed.get(entry.file) ?? {}) }).toEqual({ file: entry.file, text: renderSchema(entry.schema) });
    }
    expect(readFileSync(BARREL_FILE, 'utf8')).toBe(renderBarrel(generated));
  });

  it('cover every type the contract lists, in every version up to the one written today', () => {
    const expected = Object.entries(EVENT_SCHEMA_VERSIONS).flatMap(([type, latest]) =>
      Array.from({ length: latest }, (_, index) => `${type}.v${index + 1}`),
    );
    expect(Object.keys(EVENT_JSON_SCHEMAS).sort()).toEqual(expected.sort());
    expect(eventVersions()).toHaveLength(expected.length);
  });

  it('say what each version carries: IncidentAssigned v1 had group and agent, v2 has assignmentGroup and assignee', () => {
    expect(eventJsonSchema('IncidentAssigned', 1)).toMatchObject({
      $id: 'urn:itsm:event-schema:incidents:IncidentAssigned:v1',
      type: 'object',
      required: expect.arrayContaining(['group', 'agent']),
    });
    const latest = eventJsonSchema('IncidentAssigned');
    expect(latest?.['required']).toEqual(expect.arrayContaining(['assignmentGroup', 'assignee', 'state']));
    expect(latest?.['properties']).toMatchObject({ assignee: { type: ['string', 'null'] } });
    expect(JSON.stringify(latest)).not.toContain('$ref');
  });

  it('mark internal types, which carry no compatibility promise', () => {
    expect(eventJsonSchema('IncidentParentLinkRevoked')?.['x-itsm-internal']).toBe(true);
    expect(eventJsonSchema('IncidentOpened')?.['x-itsm-internal']).toBeUndefined();
  });
});
