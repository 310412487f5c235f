/** A position the client names (`Last-Event-ID`, or `lastEventId` where a client cannot set headers). */
export class InvalidLastEventId extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'InvalidLastEventId';
  }
}

const POSITION = /^\d{1,15}$/;

/**
 * The position to resume after, from the header or the query (the header wins only when both agree: two different
 * positions are a client bug, not something to guess about); undefined when neither is given.
 */
export const parseLastEventId = (header: string | undefined, query: string | undefined): number | undefined => {
  const check = (field: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!POSITION.test(value)) throw new InvalidLastEventId(field, `${field} must be the id of an event this stream sent (a log position, a non-negative integer)`);
    return Number(value);
  };
  const fromHeader = check('Last-Event-ID', header);
  const fromQuery = check('lastEventId', query);
  if (fromHeader !== undefined && fromQuery !== undefined && fromHeader !== fromQuery) {
    throw new InvalidLastEventId('lastEventId', 'Last-Event-ID and lastEventId name different positions');
  }
  return fromHeader ?? fromQuery;
};
