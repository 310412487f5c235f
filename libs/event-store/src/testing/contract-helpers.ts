import { randomBytes } from 'node:crypto';
import { newId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStoreContractHarness } from './event-store-contract.harness';

/** Gives the suite's cases access to the harness created in `beforeAll`. */
export type HarnessAccess = () => EventStoreContractHarness;

/** A stream-id prefix no other case (or earlier run on the same log) uses: `ct<hex>-<label>-`. */
export const uniquePrefix = (label: string): string => `ct${randomBytes(5).toString('hex')}-${label}-`;

export const aNewEvent = (type = 'ContractEventHappened', data: unknown = { value: 1 }, overrides: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data,
  metadata: { actor: { id: 'user-contract', role: 'agent', via: 'contract-suite' }, correlationId: newId() },
  ...overrides,
});

export const idsOf = (events: readonly RecordedEvent[]): string[] => events.map((event) => event.eventId);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The rejection of a promise expected to fail (fails the case if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the operation to be refused, but it succeeded');
};

export const messageOf = (error: unknown): string =>
  error !== null && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
