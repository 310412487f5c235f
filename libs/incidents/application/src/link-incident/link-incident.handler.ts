import { Inject, Injectable } from '@nestjs/common';
import type { ChangeLinkRelation } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { incidentDecider } from '@itsm/incidents-domain';
import type { CommandOptions } from '../command-options';
import { ChangeNotFound, ChangeReferenceMismatch } from '../errors';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { CHANGE_DIRECTORY, INCIDENTS_CLOCK } from '../nest/incidents-application.tokens';
import type { ChangeDirectory, ChangeRef, KnownChange } from '../ports/change-directory.port';
import type { Clock } from '../ports/clock.port';

export type IncidentLink =
  | { kind: 'parent'; parentIncidentId: string }
  | ({ kind: 'change'; relation: ChangeLinkRelation } & ChangeRef);

/**
 * Links the incident to a parent incident or to a change. A parent link is written on the child only (with the
 * caller's If-Match); the incident-hierarchy process then records the child on the parent. The parent's side is
 * checked first, so a link the parent would refuse is refused here and nothing is written.
 *
 * A change is named by its number, its id or both, and resolved in the incidents' copy of changes (`ChangeDirectory`):
 * the link records both, as the changes context raised them. An unknown change is `ChangeNotFound` (404); an id and a
 * number of two different changes (or one of them unknown) is `ChangeReferenceMismatch` (409). Either way nothing
 * is written.
 */
@Injectable()
export class LinkIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENTS_CLOCK) private readonly clock: Clock,
    @Inject(CHANGE_DIRECTORY) private readonly changes: ChangeDirectory,
  ) {}

  async execute(id: string, link: IncidentLink, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    if (link.kind === 'change') {
      const { changeId, changeNumber } = await this.changeOf(link);
      const data = { changeId, changeNumber, relation: link.relation };
      return this.streams.execute(id, { type: 'LinkIncidentToChange', data }, metadata, options);
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

  /** The change the link names; with both parts, tells an unknown change (404) from parts that disagree (409). */
  private async changeOf({ changeId, changeNumber }: ChangeRef): Promise<KnownChange> {
    try {
      return await this.changes.changeOf({ changeId, changeNumber } as ChangeRef);
    } catch (error) {
      if (!(error instanceof ChangeNotFound) || changeId === undefined || changeNumber === undefined) throw error;
      const [byId, byNumber] = await Promise.all([this.knownOrNull({ changeId }), this.knownOrNull({ changeNumber })]);
      if (byId === null && byNumber === null) throw error;
      throw new ChangeReferenceMismatch({ changeId, changeNumber }, byId, byNumber);
    }
  }

  private async knownOrNull(ref: ChangeRef): Promise<KnownChange | null> {
    try {
      return await this.changes.changeOf(ref);
    } catch (error) {
      if (error instanceof ChangeNotFound) return null;
      throw error;
    }
  }
}
