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
