import type { IncidentOpenedV1, SlaBreachedV1, SlaTimerRetargetedV1, SlaTimerStartedV1 } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, type EventMetadata, type RecordedEvent } from '@itsm/event-sourcing';
import { creditPeriodOf, creditPolicyInForce, type WireMoney } from '@itsm/finance-domain';
import type { EventProcess } from '@itsm/projections';
import { FinanceNotFound } from '../../errors';
import type { FinanceCatalog } from '../../ports/finance-catalog.port';
import { derivedId } from '../../stream-ids';
import type { CreditPolicyStreams, ServiceCreditsStreams } from '../../streams/finance-streams';
import type { ServiceCreditMemory } from './service-credit-memory';

/** The process's name: its checkpoint (from the log), its consumer group (from Kafka), what read-your-writes waits for. */
export const SERVICE_CREDITS_PROCESS = 'finance_service_credits';

const ACTOR = { id: 'finance-service-credits', role: 'system', via: 'process' };

/** Why an event led to no credit (logged by the host; nothing to retry). */
export type SkippedBreach = { event: RecordedEvent; reason: string };

/** The incident of a breach is not known yet: retried (its `IncidentOpened` comes first in the incident's stream). */
export class BreachedIncidentUnknown extends Error {
  override readonly name = 'BreachedIncidentUnknown';
  constructor(readonly incidentId: string) {
    super(`The incident ${incidentId} of an SLA breach is not known yet`);
  }
}

/** The stream of the credits of one offering to one consumer in one period: the cap holds across it. */
export const serviceCreditsLedgerId = (offeringId: string, consumerCostCenterId: string, period: string): string =>
  derivedId('service-credits', `${offeringId}/${consumerCostCenterId}/${period}`);

/**
 * Service credits from the incidents' SLA events (issue 11, point 5). Driven by events from a checkpoint (the log
 * embedded) or a consumer group (`itsm.incidents.events.v1` distributed), at least once; every step is idempotent.
 *
 * - `SlaBreached`: the offering's credit policy version in force on the breach's day (its stream) names the consumer
 *   (the cost center subscribed to the offering) and the tiers; the monthly fee is the version's, else the service's
 *   fixed monthly cost (finance's catalog copy). `AccrueServiceCredit` on the stream of the offering, consumer and
 *   period: one credit per breach event id, within the cap.
 * - `SlaTimerRetargeted`: a breach of that timer is superseded when the new due time is after the instant it
 *   breached (under the terms now in force it had not breached then): `ReverseServiceCredit`. The incidents context
 *   retargets live timers only, so a breached timer is retargeted while still running or after a reopen.
 *
 * No policy, no tier, no fee, a timer never seen started: no credit, reported through `onSkip`.
 */
export class ServiceCreditsProcess implements EventProcess {
  readonly name = SERVICE_CREDITS_PROCESS;
  readonly eventTypes = ['IncidentOpened', 'SlaTimerStarted', 'SlaTimerRetargeted', 'SlaBreached'];

  constructor(
    private readonly credits: ServiceCreditsStreams,
    private readonly policies: CreditPolicyStreams,
    private readonly catalog: FinanceCatalog,
    private readonly memory: ServiceCreditMemory,
    private readonly onSkip: (skipped: SkippedBreach) => void = () => undefined,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'IncidentOpened': {
        const { incidentId, number, serviceId } = event.data as IncidentOpenedV1;
        return this.memory.rememberIncident({ incidentId, number, serviceId });
      }
      case 'SlaTimerStarted': {
        const { incidentId, kind, priority, offeringId } = event.data as SlaTimerStartedV1;
        return this.memory.rememberTimer(incidentId, kind, { priority, offeringId });
      }
      case 'SlaTimerRetargeted':
        return this.retargeted(event);
      case 'SlaBreached':
        return this.breached(event);
      default:
        return;
    }
  }

  private async breached(event: RecordedEvent): Promise<void> {
    const { incidentId, kind, breachedAt } = event.data as SlaBreachedV1;
    const incident = await this.memory.incident(incidentId);
    if (incident === null) throw new BreachedIncidentUnknown(incidentId);
    const timer = await this.memory.timer(incidentId, kind);
    if (timer === null) return this.onSkip({ event, reason: `The ${kind} timer of ${incident.number} was never seen started` });
    const policy = creditPolicyInForce((await this.policies.loadEvenIfAbsent(timer.offeringId)).state, breachedAt.slice(0, 10));
    if (policy === null) return this.onSkip({ event, reason: `Offering ${timer.offeringId} has no credit policy in force on ${breachedAt.slice(0, 10)}` });
    const monthlyFee: WireMoney | null = policy.monthlyFee ?? (await this.catalog.services([incident.serviceId]))[0]?.costModel?.fixedMonthlyCost ?? null;
    if (monthlyFee === null) return this.onSkip({ event, reason: `Service ${incident.serviceId} has no cost model and the policy no monthly fee` });
    const ledgerId = serviceCreditsLedgerId(timer.offeringId, policy.consumerCostCenterId, creditPeriodOf(breachedAt));
    const data = {
      offeringId: timer.offeringId,
      consumerCostCenterId: policy.consumerCostCenterId,
      breach: { breachEventId: event.eventId, incidentId, incidentNumber: incident.number, serviceId: incident.serviceId, priority: timer.priority, timerKind: kind, breachedAt },
      policy: { version: policy.version, tiers: policy.tiers, capPercentOfMonthlyFee: policy.capPercentOfMonthlyFee },
      monthlyFee,
    };
    try {
      await this.credits.execute(ledgerId, { type: 'AccrueServiceCredit', data }, this.metadataOf(event));
    } catch (error) {
      if (!(error instanceof IllegalTransition || error instanceof RuleViolation)) throw error;
      return this.onSkip({ event, reason: error.message });
    }
    await this.memory.rememberBreach(incidentId, kind, { breachEventId: event.eventId, breachedAt, ledgerId });
  }

  private async retargeted(event: RecordedEvent): Promise<void> {
    const { incidentId, kind, priority, offeringId, dueAt, cause, previousPriority } = event.data as SlaTimerRetargetedV1;
    await this.memory.rememberTimer(incidentId, kind, { priority, offeringId });
    for (const breach of await this.memory.breachesBefore(incidentId, kind, dueAt)) {
      const reason = `${cause} (${previousPriority} → ${priority}): the ${kind} timer is now due ${dueAt}, after its breach at ${breach.breachedAt}`;
      try {
        await this.credits.execute(breach.ledgerId, { type: 'ReverseServiceCredit', data: { breachEventId: breach.breachEventId, reason, supersededByEventId: event.eventId } }, this.metadataOf(event));
      } catch (error) {
        // No credit stream: the breach earned nothing (no tier), so there is nothing to reverse.
        if (!(error instanceof FinanceNotFound)) throw error;
      }
      await this.memory.markSuperseded(breach.breachEventId, event.eventId);
    }
  }

  private metadataOf(event: RecordedEvent): EventMetadata {
    return { actor: ACTOR, correlationId: event.correlationId, causationId: event.eventId };
  }
}
