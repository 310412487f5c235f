import type { Actor } from '@itsm/event-sourcing';
import type { Role } from './roles';

/** How the caller proved who they are. */
export type CredentialKind = 'bearer' | 'api-key';

/** The authenticated caller of a request. */
export interface Principal {
  /** Token subject, or the API key's configured name. */
  id: string;
  name?: string;
  roles: readonly Role[];
  via: CredentialKind;
}

/** The actor recorded in events: the principal acting in `role` (the role that let the request through). */
export const actorOf = (principal: Principal, role: Role | undefined = principal.roles[0]): Actor => ({
  id: principal.id,
  ...(role ? { role } : {}),
  via: principal.via,
});

/** Credentials were presented but are not valid (401, with the reason given to the caller). */
export class InvalidCredentials extends Error {
  override readonly name = 'InvalidCredentials';
}
