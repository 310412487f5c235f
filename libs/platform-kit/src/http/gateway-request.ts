import type { Request } from 'express';
import type { Actor } from '@itsm/event-sourcing';
import type { Principal } from './auth/principal';

/** What the gateway conventions attach to an Express request on its way to a controller. */
export interface GatewayRequest extends Request {
  /** Set by the correlation middleware on every request. */
  correlationId?: string;
  /** Set when the credentials were valid. */
  principal?: Principal;
  /** Why presented credentials were refused (answered with 401 unless the route is public). */
  authFailure?: string;
  /** The principal acting in the role that let the request through. */
  actor?: Actor;
}
