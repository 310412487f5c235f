import type { LedgerImportedV1 } from '@itsm/contracts';
import type { LedgerImportEvent } from './events';

export interface InitialLedgerImport {
  status: 'initial';
}

/** What an import holds (its lines are in the chunk events, not folded: nothing decides on them). */
export interface CompletedLedgerImport extends LedgerImportedV1 {
  status: 'imported';
}

export type LedgerImport = InitialLedgerImport | CompletedLedgerImport;

export const initialState = (): LedgerImport => ({ status: 'initial' });

export const evolve = (state: LedgerImport, event: LedgerImportEvent): LedgerImport =>
  event.type === 'LedgerImported' ? { status: 'imported', ...event.data } : state;
