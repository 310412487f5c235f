import { SERVICE_CRITICALITIES, type ServiceCriticality } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';

/** A criticality is one of low, medium, high, critical. */
export const assertCriticality = (criticality: unknown): ServiceCriticality => {
  if (!(SERVICE_CRITICALITIES as readonly unknown[]).includes(criticality)) {
    throw new RuleViolation(`"${String(criticality)}" is not a criticality (${SERVICE_CRITICALITIES.join(', ')})`);
  }
  return criticality as ServiceCriticality;
};
