import { Inject, Injectable } from '@nestjs/common';
import {
  IncidentCommands,
  type Clock,
  type IncidentCommandResult,
} from '@itsm/incidents-application';
import {
  slaView,
  type OpenedIncident,
  type SlaState,
} from '@itsm/incidents-domain';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { incidentNotFound } from './incidents-errors.interceptor';
import { INCIDENTS_CLOCK } from './incidents.tokens';
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
    private readonly commands: IncidentCommands,
    @Inject(INCIDENTS_CLOCK) private readonly clock: Clock,
  ) {}

  async load(
    id: string,
    viewer: Viewer,
    options: { asOf?: Date } = {},
  ): Promise<VisibleIncident> {
    const loaded = await this.commands.load(id, options);
    if (!viewer.seesAll && loaded.incident.callerId !== viewer.id)
      throw incidentNotFound(id);
    return loaded;
  }

  async withETag(
    id: string,
    viewer: Viewer,
    options: { asOf?: Date } = {},
  ): Promise<WithETag<IncidentResponse>> {
    const { incident, revision } = await this.load(id, viewer, options);
    return withETag(incidentResponseOf(incident, revision), revision);
  }

  async sla(
    id: string,
    viewer: Viewer,
  ): Promise<WithETag<IncidentSlaResponse>> {
    const { sla, revision } = await this.load(id, viewer);
    return withETag(slaView(sla, this.clock.now()), revision);
  }

  /** A command's answer: the incident after it, ETag = the stream revision after it. */
  static answer(result: IncidentCommandResult): WithETag<IncidentResponse> {
    return withETag(
      incidentResponseOf(result.incident, result.revision),
      result.revision,
    );
  }
}
