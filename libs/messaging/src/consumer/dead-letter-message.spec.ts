import type { IncomingMessage } from '../port/message-bus.port';
import { deadLetterMessage, errorClassOf } from './dead-letter-message';

class RuleViolation extends Error {}

const incoming: IncomingMessage = {
  topic: 'itsm.catalog.events.v1',
  key: 'service-1',
  value: Buffer.from('{"name":"Email"}'),
  headers: { ce_id: 'e-1', ce_type: 'itsm.catalog.ServiceRegistered.v1' },
  partition: 2,
  offset: '41',
  timestamp: '1700000000000',
};

describe('deadLetterMessage', () => {
  it('goes to <topic>.dlq with the original key, value and ce_* headers', () => {
    const dead = deadLetterMessage(incoming, { error: new Error('boom'), attempts: 3 });
    expect(dead.topic).toBe('itsm.catalog.events.v1.dlq');
    expect(dead.key).toBe('service-1');
    expect(dead.value.toString()).toBe('{"name":"Email"}');
    expect(dead.headers).toMatchObject(incoming.headers);
  });

  it('carries the error, the attempt count and the original coordinates in headers', () => {
    const dead = deadLetterMessage(incoming, { error: new RuleViolation('name taken'), attempts: 3 });
    expect(dead.headers).toMatchObject({
      'dlq-error-message': 'name taken',
      'dlq-error-class': 'RuleViolation',
      'dlq-attempts': '3',
      'dlq-original-topic': 'itsm.catalog.events.v1',
      'dlq-original-partition': '2',
      'dlq-original-offset': '41',
      'dlq-original-key': 'service-1',
      'dlq-original-timestamp': '1700000000000',
    });
  });

  it('shortens a huge error message', () => {
    const dead = deadLetterMessage(incoming, { error: new Error('x'.repeat(10_000)), attempts: 1 });
    expect(dead.headers['dlq-error-message'].length).toBeLessThan(2100);
  });
});

describe('errorClassOf', () => {
  it('names what was thrown, Error or not', () => {
    expect(errorClassOf(new TypeError('t'))).toBe('TypeError');
    expect(errorClassOf({ status: 'error' })).toBe('Object');
    expect(errorClassOf('just a string')).toBe('string');
  });
});
