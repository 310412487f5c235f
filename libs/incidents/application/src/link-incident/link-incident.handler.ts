import { Inject, Injectable } from '@nestjs/common';
import type { ChangeLinkRelation } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { incidentDecider } from '@itsm/incidents-domain';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { INCIDENTS_CLOCK } from '../nest/incidents-application.tokens';
import type { Clock } from '../ports/clock.port';

export type IncidentLink =
  | { kind: 'parent'; parentIncidentId: string }
  | { kind: 'change'; changeId: string; changeNumber: string; relation: ChangeLinkRelation };

/**
 * Links the incident to a parent incident or to a change. A parent link is written on the child only (with the
 * caller's If-Match); the incident-hierarchy process then records the child on the parent. The parent's side is
 * checked first, so a link the parent would refuse is refused here and nothing is written.
 */
@Injectable()
export class LinkIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENTS_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, link: IncidentLink, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    if (link.kind === 'change') {
      const { changeId, changeNumber, relation } = link;
      return this.streams.execute(id, { type: 'LinkIncidentToChange', data: { changeId, changeNumber, relation } }, metadata, options);
    }
    const [child, parent] = await Promise.all([this.streams.load(id), this.streams.load(link.parentIncidentId)]);
    // The same link again changes nothing (the parent's side may still be on its way).
    if (child.incident.parentIncidentId === link.parentIncidentId) {
      return { id, number: child.incident.number, revision: child.revision, incident: child.incident, events: [] };
    }
    const childNumber = child.incident.number;
    incidentDecider.decide(
      { type: 'LinkChildIncident', data: { childIncidentId: id, childNumber }, metadata: { now: this.clock.now(), actor: metadata.actor } },
      parent.incident,
    );
    const data = { parentIncidentId: link.parentIncidentId, parentNumber: parent.incident.number };
    return this.streams.execute(id, { type: 'LinkIncidentToParent', data }, metadata, options);
  }
}
