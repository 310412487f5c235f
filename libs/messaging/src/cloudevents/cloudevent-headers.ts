/**
 * Kafka header names of CloudEvents 1.0 in binary mode (`ce_` + attribute name; extension names are lowercase
 * alphanumeric). Besides the standard attributes and DESIGN §4's extensions, we carry what a consumer of
 * ours needs to rebuild the full event envelope.
 */
export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  /** Global position in the event log. */
  sequence: 'ce_sequence',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  traceparent: 'ce_traceparent',
  streamrevision: 'ce_streamrevision',
  /** The actor as JSON: `{ id, role?, via? }`. */
  actor: 'ce_actor',
  hash: 'ce_hash',
  recordedat: 'ce_recordedat',
} as const;

/** Binary mode carries `datacontenttype` in the plain `content-type` header. */
export const CONTENT_TYPE_HEADER = 'content-type';
export const JSON_CONTENT_TYPE = 'application/json';
export const CE_SPEC_VERSION = '1.0';
