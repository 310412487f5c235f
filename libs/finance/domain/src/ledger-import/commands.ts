import type { LedgerLineV1 } from '@itsm/contracts';
import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * Imports checked ledger lines (`checkLedgerLine`, targets resolved to ids by the application) as one import.
 * `contentSha256` names the file: the same import id with the same file again records nothing.
 */
export type ImportLedger = Command<'ImportLedger', { importId: string; contentSha256: string; fileName: string | null; lines: LedgerLineV1[] }>;

export type LedgerImportCommand = ImportLedger;
