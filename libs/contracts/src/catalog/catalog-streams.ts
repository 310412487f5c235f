import { parseStreamName, streamName } from '@itsm/event-sourcing';

/** Stream types of the catalog context (routed to `catalog` by STREAM_TYPE_CONTEXTS). */
export const SERVICE_STREAM_TYPE = 'service';
export const CALENDAR_STREAM_TYPE = 'calendar';

/** `service-<uuid>`: one stream per service, holding its offerings, dependencies, cost model and templates. */
export const serviceStreamId = (serviceId: string): string => streamName(SERVICE_STREAM_TYPE, serviceId);

/** `calendar-<uuid>`: one stream per support-hours calendar. */
export const calendarStreamId = (calendarId: string): string => streamName(CALENDAR_STREAM_TYPE, calendarId);

/** The entity id (uuid) of a catalog stream id. */
export const catalogEntityIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filters for reading the catalog's streams from the log (`readAll({ filter })`). */
export const SERVICE_STREAM_PREFIX = `${SERVICE_STREAM_TYPE}-`;
export const CALENDAR_STREAM_PREFIX = `${CALENDAR_STREAM_TYPE}-`;

/** Human-facing service numbers: `SVC0000001`. */
export const SERVICE_NUMBER_PREFIX = 'SVC';
export const SERVICE_NUMBER_PATTERN = /^SVC\d{7,}$/;

/** Human-facing calendar numbers: `CAL0000001` (calendars created before numbering have none). */
export const CALENDAR_NUMBER_PREFIX = 'CAL';
export const CALENDAR_NUMBER_PATTERN = /^CAL\d{7,}$/;
