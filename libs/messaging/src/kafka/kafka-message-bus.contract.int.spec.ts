import { logLevel } from 'kafkajs';
import { messageBusContract } from '../testing/message-bus.contract';
import { describeWithKafka } from './describe-with-kafka';
import { createKafkaMessageBus } from './kafka-message-bus.adapter';

describeWithKafka('KafkaMessageBus (message bus contract on the real broker)', (brokers) => {
  jest.setTimeout(60_000);
  messageBusContract({
    createBus: async () =>
      createKafkaMessageBus({
        brokers,
        clientId: 'itsm-contract',
        redelivery: { initialDelayMs: 50, maxDelayMs: 200 },
        logLevel: logLevel.NOTHING,
      }),
    timeoutMs: 30_000,
  });
});
