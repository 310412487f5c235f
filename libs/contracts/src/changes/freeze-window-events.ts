import { parseStreamName, streamName } from '@itsm/event-sourcing';
import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the freeze-window stream (`freeze-window-<uuid>`), schema version 1: a blackout period in
 * which changes are not to be scheduled or started, for every service or for the services named (DESIGN §7
 * `freeze`). Times are ISO-8601 UTC strings; who did it is in the envelope's `actor`.
 */

/** Stream type of a freeze window (routed to `changes` by STREAM_TYPE_CONTEXTS). */
export const FREEZE_WINDOW_STREAM_TYPE = 'freeze-window';

/** `freeze-window-<uuid>`: one stream per freeze window. */
export const freezeWindowStreamId = (freezeWindowId: string): string => streamName(FREEZE_WINDOW_STREAM_TYPE, freezeWindowId);

/** The freeze window id (uuid) of its stream id. */
export const freezeWindowIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filter for reading the freeze-window streams from the log (`readAll({ filter })`). */
export const FREEZE_WINDOW_STREAM_PREFIX = `${FREEZE_WINDOW_STREAM_TYPE}-`;

/** A freeze window was declared: no change is to run on its services in [from, to). */
export interface FreezeWindowDeclaredV1 {
  freezeWindowId: string;
  name: string;
  reason: string;
  /** Start, inclusive. */
  from: string;
  /** End, exclusive; after `from`. */
  to: string;
  /** The services it freezes, without duplicates; null freezes every service. */
  serviceIds: string[] | null;
  declaredAt: string;
}

/**
 * The freeze window was lifted (before it began: it never takes effect; while in force: changes may run again from
 * `liftedAt`). Either way it no longer counts as a conflict.
 */
export interface FreezeWindowLiftedV1 {
  freezeWindowId: string;
  reason: string;
  /** Whether the window had already begun when it was lifted. */
  wasInForce: boolean;
  liftedAt: string;
}

export type FreezeWindowDeclared = DomainEvent<'FreezeWindowDeclared', FreezeWindowDeclaredV1>;
export type FreezeWindowLifted = DomainEvent<'FreezeWindowLifted', FreezeWindowLiftedV1>;

export type FreezeWindowEvent = FreezeWindowDeclared | FreezeWindowLifted;

export type FreezeWindowEventType = FreezeWindowEvent['type'];

/** Every event type of the freeze-window stream, for subscriptions and projections (`eventTypes`). */
export const FREEZE_WINDOW_EVENT_TYPES: readonly FreezeWindowEventType[] = ['FreezeWindowDeclared', 'FreezeWindowLifted'];
