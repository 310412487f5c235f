import { newId } from './ids';

const STREAM_TYPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StreamName {
  streamType: string;
  entityId: string;
}

/** `<type>-<uuid>`, as in `incident-0190…`. */
export const streamName = (streamType: string, entityId: string = newId()): string => {
  if (!STREAM_TYPE.test(streamType)) throw new Error(`Invalid stream type "${streamType}"`);
  if (!UUID.test(entityId)) throw new Error(`Invalid entity id "${entityId}" (expected a uuid)`);
  return `${streamType}-${entityId.toLowerCase()}`;
};

/** Splits a stream id into its type and entity id; the entity id is always the trailing uuid. */
export const parseStreamName = (streamId: string): StreamName => {
  const entityId = streamId.slice(-36);
  const streamType = streamId.slice(0, -37);
  if (streamId.charAt(streamId.length - 37) !== '-' || !UUID.test(entityId) || !STREAM_TYPE.test(streamType)) {
    throw new Error(`"${streamId}" is not a stream id of the form <type>-<uuid>`);
  }
  return { streamType, entityId };
};

export const isStreamOfType = (streamId: string, streamType: string): boolean =>
  streamId.startsWith(`${streamType}-`);

/** Human-facing numbers such as `INC0001234`. */
export const formatNumber = (prefix: string, sequence: number, width = 7): string =>
  `${prefix}${String(sequence).padStart(width, '0')}`;
