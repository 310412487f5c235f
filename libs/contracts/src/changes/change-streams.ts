import { formatNumber, parseStreamName, streamName } from '@itsm/event-sourcing';

/** Stream type of the change (routed to `changes` by STREAM_TYPE_CONTEXTS). */
export const CHANGE_STREAM_TYPE = 'change';

/** `change-<uuid>`: one stream per change. */
export const changeStreamId = (changeId: string): string => streamName(CHANGE_STREAM_TYPE, changeId);

/** The change id (uuid) of its stream id. */
export const changeIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filter for reading the change streams from the log (`readAll({ filter })`). */
export const CHANGE_STREAM_PREFIX = `${CHANGE_STREAM_TYPE}-`;

/** Human-facing change numbers: `CHG0000001`, allocated by the application from a sequence. */
export const CHANGE_NUMBER_PREFIX = 'CHG';
export const CHANGE_NUMBER_PATTERN = /^CHG\d{7,}$/;
export const formatChangeNumber = (sequence: number): string => formatNumber(CHANGE_NUMBER_PREFIX, sequence);
