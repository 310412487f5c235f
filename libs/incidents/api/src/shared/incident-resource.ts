import { Inject, Injectable } from '@nestjs/common';
import {
  IncidentHierarchyPositions,
  IncidentStreams,
  INCIDENTS_CLOCK,
  type Clock,
  type IncidentCommandResult,
} from '@itsm/incidents-application';
import {
  slaView,
  type OpenedIncident,
  type SlaState,
} from '@itsm/incidents-domain';
import { readAfter, withETag, type WithETag } from '@itsm/platform-kit';
import { incidentNotFound } from './incidents-errors.interceptor';
import {
  incidentResponseOf,
  type IncidentResponse,
} from './responses/incident.response';
import type { IncidentSlaResponse } from './responses/incident-sla.response';
import type { Viewer } from './viewer';

export interface VisibleIncident {
  incident: OpenedIncident;
  sla: SlaState;
  revision: number;
}

/** An incident folded from its stream, shown only to those who may see it (another's incident is a 404 to a requester). */
@Injectable()
export class IncidentResource {
  constructor(
    private readonly streams: IncidentStreams,
    private readonly hierarchy: IncidentHierarchyPositions,
    @Inject(INCIDENTS_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `waitForPosition`: read-your-writes for what follows a write on other incidents (a link recorded on the parent,
   * children resolved with it): waits until the incident-hierarchy process has handled the log that far.
   */
  async load(
    id: string,
    viewer: Viewer,
    options: { asOf?: Date; waitForPosition?: number } = {},
  ): Promise<VisibleIncident> {
    await readAfter(options.waitForPosition, (position) => this.hierarchy.waitFor(position));
    const loaded = await this.streams.load(id, options);
    if (!viewer.seesAll && loaded.incident.callerId !== viewer.id)
      throw incidentNotFound(id);
    return loaded;
  }

  async withETag(
    id: string,
    viewer: Viewer,
    options: { asOf?: Date; waitForPosition?: number } = {},
  ): Promise<WithETag<IncidentResponse>> {
    const { incident, revision } = await this.load(id, viewer, options);
    return withETag(incidentResponseOf(incident, revision), revision);
  }

  /** The timers now, or as they stood at `asOf` (folded from what was recorded by then, measured at that instant). */
  async sla(
    id: string,
    viewer: Viewer,
    asOf?: Date,
  ): Promise<WithETag<IncidentSlaResponse>> {
    const { sla, revision } = await this.load(id, viewer, asOf === undefined ? {} : { asOf });
    return withETag(slaView(sla, asOf ?? this.clock.now()), revision);
  }

  /** A command's answer: the incident after it, ETag = the stream revision after it. */
  static answer(result: IncidentCommandResult): WithETag<IncidentResponse> {
    return withETag(
      incidentResponseOf(result.incident, result.revision),
      result.revision,
    );
  }
}
