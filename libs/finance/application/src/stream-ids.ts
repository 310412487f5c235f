import { v5 as uuidv5 } from 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

/** The namespace of finance's name-derived ids (uuid v5): fixed for good, since stream ids are derived from it. */
const FINANCE_NAMESPACE = '6f1d2c3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f';

/**
 * An id derived from a name, the same for the same name on every process and forever: the exchange-rate pair
 * "USD/EUR" and a usage batch's client reference name their streams this way, so that one pair or one reference
 * is one stream; a ledger import sent with an Idempotency-Key is named by the caller and the key; the service credits
 * of one offering to one consumer in one period are one stream (`offering/consumer/period`).
 */
export const derivedId = (kind: 'exchange-rate-pair' | 'usage-batch' | 'ledger-import' | 'service-credits' | 'finance-period', name: string): string => uuidv5(`${kind}:${name}`, FINANCE_NAMESPACE);
