import { Inject, Injectable } from '@nestjs/common';
import type { IncidentParentLinkedV1, IncidentResolvedV1 } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, type EventMetadata, type RecordedEvent } from '@itsm/event-sourcing';
import { resolveBecauseParentResolved } from '@itsm/incidents-domain';
import type { EventProcess } from '@itsm/projections';
import { IncidentNotFound } from '../../errors';
import { IncidentStreams, type LoadedIncident } from '../../incident-stream/incident-streams';
import { INCIDENTS_CLOCK } from '../../nest/incidents-application.tokens';
import type { Clock } from '../../ports/clock.port';

/** The process's name: its checkpoint, and what read-your-writes waits for. */
export const INCIDENT_HIERARCHY = 'incident_hierarchy';
export const INCIDENT_HIERARCHY_EVENT_TYPES: readonly string[] = ['IncidentParentLinked', 'IncidentResolved'];

const ACTOR = { id: 'incident-hierarchy', role: 'system', via: 'process' };

/** A refusal by the decider is its answer (nothing to do), not a failure to retry. */
const isRefusal = (error: unknown): error is Error => error instanceof IllegalTransition || error instanceof RuleViolation;

/**
 * The work that spans a parent and its children, driven by events from a checkpoint (it resumes after a crash):
 * - a child that took a parent (`IncidentParentLinked`) is recorded on the parent; if the parent refuses it by
 *   now (closed meanwhile, or the link would close a cycle), the child's link is revoked, so a link is never left
 *   half-written;
 * - a resolved parent (`IncidentResolved`) resolves each of its children still open, with its code and notes; each
 *   child's own resolution then reaches its children the same way.
 * Every step is a command that changes nothing when already done, so handling an event twice is harmless.
 */
@Injectable()
export class IncidentHierarchyProcess implements EventProcess {
  readonly name = INCIDENT_HIERARCHY;
  readonly eventTypes = INCIDENT_HIERARCHY_EVENT_TYPES;

  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENTS_CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const metadata: EventMetadata = { actor: ACTOR, correlationId: event.correlationId, causationId: event.eventId };
    if (event.type === 'IncidentParentLinked') await this.recordOnParent(event.data as IncidentParentLinkedV1, metadata);
    else if (event.type === 'IncidentResolved') await this.resolveChildren(event.data as IncidentResolvedV1, metadata);
  }

  private async recordOnParent({ incidentId: childId, parentIncidentId }: IncidentParentLinkedV1, metadata: EventMetadata): Promise<void> {
    const [child, parent] = await Promise.all([this.loadIfAny(childId), this.loadIfAny(parentIncidentId)]);
    // Revoked or linked elsewhere since, or already recorded: nothing left to do.
    if (!child || child.incident.parentIncidentId !== parentIncidentId || parent?.incident.childIncidentIds.includes(childId)) return;
    try {
      const data = { childIncidentId: childId, childNumber: child.incident.number };
      await this.streams.execute(parentIncidentId, { type: 'LinkChildIncident', data }, metadata);
    } catch (error) {
      if (!isRefusal(error) && !(error instanceof IncidentNotFound)) throw error;
      // Another runner of this process (a second incidents instance) recorded the child first: done, not refused.
      if ((await this.loadIfAny(parentIncidentId))?.incident.childIncidentIds.includes(childId)) return;
      const reason = `The parent did not take the child: ${error.message}`;
      await this.streams.execute(childId, { type: 'RevokeParentLink', data: { parentIncidentId, reason } }, metadata);
    }
  }

  private async resolveChildren(parentResolved: IncidentResolvedV1, metadata: EventMetadata): Promise<void> {
    for (const childId of parentResolved.childIncidentIds) {
      const child = await this.loadIfAny(childId);
      const command = child && resolveBecauseParentResolved(parentResolved, child.incident, { now: this.clock.now(), actor: ACTOR });
      if (!command) continue;
      try {
        await this.streams.execute(childId, { type: command.type, data: command.data }, metadata);
      } catch (error) {
        // The child moved on meanwhile (resolved or cancelled by someone): it no longer needs its parent's resolution.
        if (!isRefusal(error)) throw error;
      }
    }
  }

  private async loadIfAny(id: string): Promise<LoadedIncident | null> {
    try {
      return await this.streams.load(id);
    } catch (error) {
      if (error instanceof IncidentNotFound) return null;
      throw error;
    }
  }
}
