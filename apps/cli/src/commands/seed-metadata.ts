import type { EventMetadata } from '@itsm/event-sourcing';

/** Who seeded: every seeded event names the CLI as its actor, so seeded data is recognisable in any history. */
export const SEED_METADATA: EventMetadata = { actor: { id: 'itsm-seed', role: 'admin', via: 'cli' }, correlationId: 'itsm-seed' };
