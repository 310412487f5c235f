/**
 * Your effect goes here. Delivery is at least once: after a crash or a rebalance, messages handled but not yet
 * committed come again. Make the effect idempotent by its event id (`ce_id`): in a database, insert the id into a
 * table with a unique key in the same transaction as the effect, and skip the effect when the id is already there.
 * This example prints each event as a JSON line and remembers the ids it has seen in memory (lost on restart).
 */
export const createEventHandler = (
  print = (line) => console.log(JSON.stringify(line)),
) => {
  const handled = new Set();
  return async (event, { topic, partition, offset }) => {
    if (handled.has(event.id)) {
      print({
        kind: 'duplicate-skipped',
        id: event.id,
        topic,
        partition,
        offset,
      });
      return;
    }
    print({
      kind: 'event',
      id: event.id,
      // itsm.<context>.<EventName>.v<schema version>: switch on it; tolerate types and fields you do not know.
      type: event.type,
      source: event.source,
      // The stream id (`incident-<uuid>`, `service-<uuid>`): per subject, events arrive in order.
      subject: event.subject,
      time: event.time,
      // Extensions: the log position, the request that caused it, and the W3C trace context.
      sequence: event.sequence,
      correlationid: event.correlationid,
      traceparent: event.traceparent,
      data: event.data,
      topic,
      partition,
      offset,
    });
    handled.add(event.id);
  };
};
