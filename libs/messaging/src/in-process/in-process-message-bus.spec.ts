import { messageBusContract } from '../testing/message-bus.contract';
import { InProcessMessageBus } from './in-process-message-bus.adapter';
import { textMessage } from '../testing/message-bus-contract.helpers';

describe('InProcessMessageBus', () => {
  describe('message bus contract', () => {
    messageBusContract({
      createBus: async () => new InProcessMessageBus({ redeliveryDelayMs: 5 }),
      timeoutMs: 5_000,
    });
  });

  it('refuses a second member of one consumer group while the first runs', async () => {
    const bus = new InProcessMessageBus();
    const options = { groupId: 'g', topics: ['t'], handler: async () => undefined };
    const first = await bus.subscribe(options);
    await expect(bus.subscribe(options)).rejects.toThrow(/already has a member/);
    await first.stop();
    await expect(bus.subscribe(options).then((second) => second.stop())).resolves.toBeUndefined();
    await bus.close();
  });

  it('starts a new group at the end of its topics when fromBeginning is false', async () => {
    const bus = new InProcessMessageBus();
    await bus.publish([textMessage('t', 'k', 'before')]);
    const received: string[] = [];
    await bus.subscribe({
      groupId: 'late',
      topics: ['t'],
      fromBeginning: false,
      handler: async (m) => void received.push(m.value.toString()),
    });
    await bus.publish([textMessage('t', 'k', 'after')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual(['after']);
    await bus.close();
  });
});
