import { calendarStreamId, serviceStreamId } from '@itsm/contracts';
import { CalendarNotFound, ServiceNotFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid names no service: not found, rather than a malformed stream id. */
export const serviceStreamOf = (serviceId: string): string => {
  if (!UUID.test(serviceId)) throw new ServiceNotFound(serviceId);
  return serviceStreamId(serviceId);
};

export const calendarStreamOf = (calendarId: string): string => {
  if (!UUID.test(calendarId)) throw new CalendarNotFound(calendarId);
  return calendarStreamId(calendarId);
};

export const isUuid = (id: string): boolean => UUID.test(id);
