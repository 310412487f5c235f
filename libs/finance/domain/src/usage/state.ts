import type { UsageRecordV1 } from '@itsm/contracts';
import type { UsageEvent } from './events';

export interface InitialUsageBatch {
  status: 'initial';
}

export interface RecordedUsageBatch {
  status: 'recorded';
  batchId: string;
  reference: string;
  records: UsageRecordV1[];
  recordedAt: string;
}

export type UsageBatch = InitialUsageBatch | RecordedUsageBatch;

export const initialState = (): UsageBatch => ({ status: 'initial' });

export const evolve = (_state: UsageBatch, event: UsageEvent): UsageBatch => ({ status: 'recorded', ...event.data });
