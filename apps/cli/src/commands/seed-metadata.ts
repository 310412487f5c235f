import type { EventMetadata } from '@itsm/event-sourcing';

/** Who seeded: every seeded event names the CLI as its actor, so seeded data is recognisable in any history. */
export const SEED_METADATA: EventMetadata = { actor: { id: 'itsm-seed', role: 'admin', via: 'cli' }, correlationId: 'itsm-seed' };

/** Accepts the seed's major incidents: someone other than the proposer, as separation of duties asks. */
export const SEED_INCIDENT_MANAGER_METADATA: EventMetadata = {
  actor: { id: 'itsm-seed-incident-manager', role: 'incident-manager', via: 'cli' },
  correlationId: 'itsm-seed',
};
