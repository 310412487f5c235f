import { parseStreamName, streamName } from '@itsm/event-sourcing';

/** Stream type of the cost center (routed to `finance` by STREAM_TYPE_CONTEXTS). */
export const COST_CENTER_STREAM_TYPE = 'cost-center';

/** `cost-center-<uuid>`: one stream per cost center. */
export const costCenterStreamId = (costCenterId: string): string => streamName(COST_CENTER_STREAM_TYPE, costCenterId);

/** The cost center id (uuid) of its stream id. */
export const costCenterIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filter for reading the cost center streams from the log (`readAll({ filter })`). */
export const COST_CENTER_STREAM_PREFIX = `${COST_CENTER_STREAM_TYPE}-`;
