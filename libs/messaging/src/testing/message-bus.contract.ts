import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { waitUntil } from '@itsm/event-sourcing';
import type { IncomingMessage, MessageBus, MessageSubscription } from '../port/message-bus.port';
import type { MessageBusContractHarness } from './message-bus-contract.harness';
import { textMessage, textOf, uniqueGroup, uniqueTopic } from './message-bus-contract.helpers';

/**
 * The behaviour every MessageBus adapter must have (DESIGN §4): per-key order, commit only after the
 * handler succeeded, redelivery before anything later on the partition, independent consumer groups, and
 * a stop that commits what was handled. Call it inside a `describe`.
 */
export function messageBusContract(harness: MessageBusContractHarness): void {
  let bus: MessageBus;
  const subscriptions: MessageSubscription[] = [];
  const wait = (predicate: () => boolean, describe: () => string) =>
    waitUntil(describe, predicate, harness.timeoutMs);
  const subscribe = async (...args: Parameters<MessageBus['subscribe']>) => {
    const subscription = await bus.subscribe(...args);
    subscriptions.push(subscription);
    return subscription;
  };

  beforeAll(async () => {
    bus = await harness.createBus();
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('delivers every message once to a group, in publish order per key', async () => {
    const topic = uniqueTopic('order');
    const keys = ['incident-a', 'incident-b', 'incident-c', 'incident-d'];
    for (let batch = 0; batch < 5; batch++) {
      await bus.publish(
        keys.flatMap((key) => Array.from({ length: 10 }, (_, i) => textMessage(topic, key, `${key}#${batch * 10 + i}`))),
      );
    }
    const received: IncomingMessage[] = [];
    await subscribe({ groupId: uniqueGroup('order'), topics: [topic], handler: async (m) => void received.push(m) });
    await wait(() => received.length >= 200, () => `${received.length} of 200 received`);

    for (const key of keys) {
      const texts = received.filter((m) => m.key === key).map(textOf);
      expect(texts).toEqual(Array.from({ length: 50 }, (_, i) => `${key}#${i}`));
    }
    expect(received[0]).toMatchObject({ topic, headers: { 'x-text': expect.any(String) } });
    expect(received.every((m) => /^\d+$/.test(m.offset) && /^\d+$/.test(m.timestamp))).toBe(true);
  });

  it('delivers a message whose handler failed again, before the next one of its partition', async () => {
    const topic = uniqueTopic('redeliver');
    await bus.publish(['m0', 'm1', 'm2'].map((text) => textMessage(topic, 'incident-x', text)));
    const attempts: string[] = [];
    let failuresLeft = 2;
    await subscribe({
      groupId: uniqueGroup('redeliver'),
      topics: [topic],
      handler: async (message) => {
        attempts.push(textOf(message));
        if (textOf(message) === 'm1' && failuresLeft-- > 0) throw new Error('handler failed');
      },
    });
    await wait(() => attempts.includes('m2'), () => `attempts so far: ${attempts.join(',')}`);
    expect(attempts).toEqual(['m0', 'm1', 'm1', 'm1', 'm2']);
  });

  it('gives a restarted group the message its failing handler never handled, and not the handled ones', async () => {
    const topic = uniqueTopic('restart');
    const groupId = uniqueGroup('restart');
    await bus.publish(['m0', 'm1', 'm2'].map((text) => textMessage(topic, 'change-y', text)));
    const firstRun: string[] = [];
    const failing = await bus.subscribe({
      groupId,
      topics: [topic],
      handler: async (message) => {
        firstRun.push(textOf(message));
        if (textOf(message) === 'm1') throw new Error('always fails');
      },
    });
    await wait(() => firstRun.filter((t) => t === 'm1').length >= 2, () => `first run: ${firstRun.join(',')}`);
    await failing.stop();
    expect(firstRun).not.toContain('m2');

    const secondRun: string[] = [];
    await subscribe({ groupId, topics: [topic], handler: async (m) => void secondRun.push(textOf(m)) });
    await wait(() => secondRun.includes('m2'), () => `second run: ${secondRun.join(',')}`);
    expect(secondRun).toEqual(['m1', 'm2']);
  });

  it('gives each consumer group every message', async () => {
    const topic = uniqueTopic('groups');
    await bus.publish(Array.from({ length: 30 }, (_, i) => textMessage(topic, `service-${i % 3}`, `s${i}`)));
    const first: string[] = [];
    const second: string[] = [];
    await subscribe({ groupId: uniqueGroup('g1'), topics: [topic], handler: async (m) => void first.push(textOf(m)) });
    await subscribe({ groupId: uniqueGroup('g2'), topics: [topic], handler: async (m) => void second.push(textOf(m)) });
    await wait(() => first.length >= 30 && second.length >= 30, () => `${first.length} and ${second.length} of 30`);
    const all = Array.from({ length: 30 }, (_, i) => `s${i}`).sort();
    expect([...first].sort()).toEqual(all);
    expect([...second].sort()).toEqual(all);
  });

  it('commits what was handled on stop, so the group resumes after it', async () => {
    const topic = uniqueTopic('resume');
    const groupId = uniqueGroup('resume');
    await bus.publish(Array.from({ length: 10 }, (_, i) => textMessage(topic, 'budget-z', `old${i}`)));
    const firstRun: string[] = [];
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      handler: async (m) => void firstRun.push(textOf(m)),
    });
    await wait(() => firstRun.length >= 10, () => `${firstRun.length} of 10`);
    await subscription.stop();

    await bus.publish(Array.from({ length: 5 }, (_, i) => textMessage(topic, 'budget-z', `new${i}`)));
    const secondRun: string[] = [];
    await subscribe({ groupId, topics: [topic], handler: async (m) => void secondRun.push(textOf(m)) });
    await wait(() => secondRun.length >= 5, () => `${secondRun.length} of 5`);
    expect(secondRun).toEqual(['new0', 'new1', 'new2', 'new3', 'new4']);
  });
}
