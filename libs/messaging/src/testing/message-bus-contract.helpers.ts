import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingMessage } from '../port/message-bus.port';

/** A topic name no other run uses. */
export const uniqueTopic = (label: string): string => `itsm.contract.${label}.${randomUUID()}`;

export const uniqueGroup = (label: string): string => `contract-${label}-${randomUUID()}`;

export const textMessage = (topic: string, key: string, text: string): OutgoingMessage => ({
  topic,
  key,
  value: Buffer.from(text),
  headers: { 'x-text': text },
});

export const textOf = (message: IncomingMessage): string => message.value.toString('utf8');

/** Resolves when `predicate` holds, polling; rejects with `describe()` after `timeoutMs`. */
export const eventually = async (
  predicate: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
