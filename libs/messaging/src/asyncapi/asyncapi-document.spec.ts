import { Parser } from '@asyncapi/parser';
import { EVENT_CONTEXTS, EVENT_SCHEMA_VERSIONS, CONTEXT_EVENT_SCHEMA_VERSIONS, eventJsonSchema } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { toCloudEventMessage } from '../cloudevents/cloudevent-message.mapping';
import { createAsyncApiDocument } from './asyncapi-document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const recorded = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: '0190a0c4-0000-7000-8000-0000000000aa',
  type: 'IncidentAssigned',
  schemaVersion: 2,
  streamId: 'incident-0190a0c4-0000-7000-8000-000000000001',
  streamRevision: 1,
  globalPosition: 42,
  occurredAt: '2026-01-05T09:00:00.000Z',
  recordedAt: '2026-01-05T09:00:00.010Z',
  actor: { id: 'agent-7', role: 'agent' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  hash: 'abc',
  data: {},
  ...overrides,
});

describe('AsyncAPI document', () => {
  const document = createAsyncApiDocument() as Json;

  it('parses with the official @asyncapi/parser with no errors and no warnings', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    // Severity 0 is an error, 1 a warning (2 and 3 are hints, e.g. that AsyncAPI 3.1 exists).
    expect(diagnostics.filter((diagnostic) => diagnostic.severity <= 1).map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(parsed?.channels().all().map((channel) => channel.address()).sort()).toEqual(EVENT_CONTEXTS.map((context) => `itsm.${context}.events.v1`).sort());
  });

  it('has one channel per context topic carrying every type that context writes, at the version written today', () => {
    for (const context of EVENT_CONTEXTS) {
      const channel = document.channels[`${context}Events`];
      expect(channel.address).toBe(`itsm.${context}.events.v1`);
      const expected = Object.entries(CONTEXT_EVENT_SCHEMA_VERSIONS[context]).map(([type, version]) => `${type}.v${version}`);
      expect(Object.keys(channel.messages).sort()).toEqual(expected.sort());
    }
    const listed = EVENT_CONTEXTS.flatMap((context) => Object.keys(document.channels[`${context}Events`].messages));
    expect(listed.map((id) => id.replace(/\.v\d+$/, '')).sort()).toEqual(Object.keys(EVENT_SCHEMA_VERSIONS).sort());
  });

  it('has a message for every version of every type, its payload the published JSON Schema', () => {
    const expected = Object.entries(EVENT_SCHEMA_VERSIONS).flatMap(([type, latest]) => Array.from({ length: latest }, (_, i) => `${type}.v${i + 1}`));
    expect(Object.keys(document.components.messages).sort()).toEqual(expected.sort());
    const published: Json = { ...eventJsonSchema('IncidentAssigned', 1) };
    delete published['$schema'];
    delete published['$id'];
    expect(document.components.messages['IncidentAssigned.v1'].payload).toEqual(published);
    expect(document.components.messages['IncidentAssigned.v1']['x-itsm-superseded-by']).toBe('IncidentAssigned.v2');
    expect(document.components.messages['IncidentParentLinkRevoked.v1']['x-itsm-internal']).toBe(true);
  });

  it('documents the CloudEvents headers exactly as the relay writes them', () => {
    const headers = document.components.messages['IncidentAssigned.v2'].headers;
    const full = toCloudEventMessage(recorded()).headers;
    expect(Object.keys(headers.properties).sort()).toEqual(Object.keys(full).sort());
    const minimal = toCloudEventMessage(recorded({ causationId: null, traceparent: null })).headers;
    expect([...headers.required].sort()).toEqual(Object.keys(minimal).sort());
    for (const [name, schema] of Object.entries(headers.properties as Json)) {
      if ('const' in schema) expect({ name, value: full[name] }).toEqual({ name, value: schema.const });
    }
    expect(headers.properties.ce_type.const).toBe('itsm.incidents.IncidentAssigned.v2');
  });
});
