/** The bounded contexts that publish events (DESIGN §2). */
export type EventContext = 'incidents' | 'changes' | 'catalog' | 'finance' | 'webhooks';

/** Every context that publishes events, one topic each. */
export const EVENT_CONTEXTS: readonly EventContext[] = ['incidents', 'changes', 'catalog', 'finance', 'webhooks'];

/** Which context owns each stream type: the context decides the topic and the CloudEvents source. */
export const STREAM_TYPE_CONTEXTS: Readonly<Record<string, EventContext>> = Object.freeze({
  incident: 'incidents',
  change: 'changes',
  'freeze-window': 'changes',
  service: 'catalog',
  offering: 'catalog',
  calendar: 'catalog',
  'cost-center': 'finance',
  'cost-pool': 'finance',
  budget: 'finance',
  'rate-card': 'finance',
  'allocation-rule': 'finance',
  'exchange-rate': 'finance',
  'usage-batch': 'finance',
  'ledger-import': 'finance',
  'credit-policy': 'finance',
  'service-credits': 'finance',
  dispute: 'finance',
  // Erasures of data subjects (SubjectErased): on the incidents topic while incidents are the only context that
  // holds subjects' personal data (PERSONAL_DATA_FIELDS).
  'data-subject': 'incidents',
  'finance-period': 'finance',
  webhook: 'webhooks',
});

// Longest first, so a stream type never matches a shorter type that is its prefix.
const KNOWN_TYPES = Object.keys(STREAM_TYPE_CONTEXTS).sort((a, b) => b.length - a.length);

export class UnknownStreamTypeError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream "${streamId}" has no known stream type (expected one of: ${KNOWN_TYPES.join(', ')})`);
    this.name = 'UnknownStreamTypeError';
  }
}

/** The stream type of `<type>-<id>`, matched against the known types (types may contain dashes). */
export const streamTypeOf = (streamId: string): string => {
  const type = KNOWN_TYPES.find((candidate) => streamId.startsWith(`${candidate}-`));
  if (type === undefined) throw new UnknownStreamTypeError(streamId);
  return type;
};

/** The context that owns a stream, e.g. `incident-0190…` → `incidents`; unknown stream types throw. */
export const contextOfStream = (streamId: string): EventContext => STREAM_TYPE_CONTEXTS[streamTypeOf(streamId)];
