import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { EventStore } from '@itsm/event-store';
import { CausedIncidentsPositions, ChangeStreams, type ChangeCommandResult, type LoadedChange } from '@itsm/changes-application';
import { announceWrite, EVENT_STORE, readAfter, withETag, type WithETag } from '@itsm/platform-kit';
import { ChangeResponse } from './change.response';
import { changeNotFound } from './changes-errors.interceptor';
import type { Viewer } from './viewer';

const CAUSED_INCIDENT_EVENTS: readonly string[] = ['IncidentLinkedToChange'];

/** A change folded from its stream, shown only to those who may see it (another's change is a 404 to a requester). */
@Injectable()
export class ChangeResource {
  constructor(
    private readonly streams: ChangeStreams,
    private readonly causedIncidents: CausedIncidentsPositions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The change as its stream says now (or as recorded by `asOf`). `waitForPosition`: when that write is an incident's
   * link to a change, waits (up to 5 s) until the caused-incidents process has recorded it on the change.
   */
  async load(id: string, viewer: Viewer, options: { asOf?: Date; waitForPosition?: number } = {}): Promise<LoadedChange> {
    await readAfter(options.waitForPosition, (position) => this.waitForProcesses(position));
    const loaded = await this.streams.load(id, options.asOf === undefined ? {} : { asOf: options.asOf });
    if (!viewer.seesAll && loaded.change.requesterId !== viewer.id) throw changeNotFound(id);
    return loaded;
  }

  async withETag(id: string, viewer: Viewer, options: { asOf?: Date; waitForPosition?: number } = {}): Promise<WithETag<ChangeResponse>> {
    const { change, revision } = await this.load(id, viewer, options);
    return withETag(ChangeResponse.of(change, revision), revision);
  }

  /** A requester acts only on the changes they requested: another's is not found. */
  async assertActsOn(id: string, viewer: Viewer): Promise<void> {
    if (!viewer.seesAll) await this.load(id, viewer);
  }

  /** A command's HTTP answer: the change after it with its ETag, and the log position of what it appended. */
  static answer(response: Response, result: ChangeCommandResult, location?: string): WithETag<ChangeResponse> {
    announceWrite(response, result.events, location);
    return withETag(ChangeResponse.of(result.change, result.revision), result.revision);
  }

  private async waitForProcesses(position: number): Promise<void> {
    const [written] = (await this.store.readAll({ fromPosition: position - 1, maxCount: 1 })).events;
    if (written && CAUSED_INCIDENT_EVENTS.includes(written.type)) await this.causedIncidents.waitFor(position);
  }
}

