import { EVENT_SCHEMA_VERSIONS } from '../platform';
import { contextOfStream } from '../stream-contexts';
import { webhookSubscriptionIdOf, webhookSubscriptionStreamId, WEBHOOKS_EVENT_SCHEMA_VERSIONS, WEBHOOKS_EVENT_TYPES } from './index';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('webhooks contracts', () => {
  it('names webhook subscription streams webhook-<uuid>, owned by the webhooks context', () => {
    expect(webhookSubscriptionStreamId(id)).toBe(`webhook-${id}`);
    expect(contextOfStream(webhookSubscriptionStreamId(id))).toBe('webhooks');
    expect(webhookSubscriptionIdOf(webhookSubscriptionStreamId(id))).toBe(id);
  });

  it('publishes its events in the platform’s one registry, each type once', () => {
    expect(new Set(WEBHOOKS_EVENT_TYPES).size).toBe(WEBHOOKS_EVENT_TYPES.length);
    for (const type of WEBHOOKS_EVENT_TYPES) expect([type, EVENT_SCHEMA_VERSIONS[type]]).toEqual([type, WEBHOOKS_EVENT_SCHEMA_VERSIONS[type]]);
  });
});
