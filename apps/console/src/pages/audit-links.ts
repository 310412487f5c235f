/** Links into the audit page's record timeline, optionally pointing at one event (`?streamId=…&event=…`). */
export const timelineHref = (streamId: string, eventId?: string): string => {
  const params = new URLSearchParams({ streamId });
  if (eventId) params.set('event', eventId);
  return `/audit?${params.toString()}`;
};

/** The incident page of an `incident-<uuid>` stream, where the console has one. */
export const recordPageHref = (streamId: string): string | null => {
  const incident = /^incident-([0-9a-f-]{36})$/i.exec(streamId);
  return incident ? `/incidents/${incident[1]}` : null;
};
