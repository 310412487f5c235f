import type { AuthorizationServer } from 'oauth4webapi';

/**
 * The one-time values of a sign-in while the browser is at the provider. They wait in sessionStorage (this tab only)
 * and the callback takes them out once, whatever happens next: a response is good only for the tab that asked, once.
 */
export interface PendingSignIn {
  clientId: string;
  redirectUri: string;
  /** The discovery document read when the sign-in began: the callback checks the response against that provider. */
  provider: AuthorizationServer;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const PENDING_KEY = 'itsm.console.oidc.pending';

export const keepPending = (pending: PendingSignIn): void => sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));

export const takePending = (): PendingSignIn | null => {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return stored ? (JSON.parse(stored) as PendingSignIn) : null;
  } catch {
    return null;
  }
};
