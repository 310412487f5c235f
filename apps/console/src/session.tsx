import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setToken, whenUnauthorized } from './api';
import { decodeJwtPayload } from './jwt';
import { endSessionUrl, forgetProviderSession, readProviderSession, refreshDelay } from './oidc/provider-session';

export const ROLES = ['requester', 'agent', 'incident-manager', 'change-manager', 'cab-member', 'service-owner', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  subject: string;
  name: string;
  roles: Role[];
  expiresAt: number | null;
}

/**
 * What the console reads from a token to decide what to show. The platform checks the signature on every call;
 * the console only decodes the payload (a token it cannot read is refused at sign-in).
 */
export const readToken = (token: string): Session => {
  const claims = decodeJwtPayload(token);
  const roles = (Array.isArray(claims['roles']) ? claims['roles'] : []).filter((r): r is Role => (ROLES as readonly string[]).includes(String(r)));
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : null;
  if (exp !== null && exp < Date.now()) throw new Error('The token has expired: make a new one.');
  const subject = String(claims['sub'] ?? 'unknown');
  return { token: token.trim(), subject, name: String(claims['name'] ?? subject), roles, expiresAt: exp };
};

export const hasAny = (session: Session | null, roles: readonly Role[]) => !!session && session.roles.some((r) => roles.includes(r));

/** Who sees which part of the console (the platform enforces the same on every route). */
export const CAN = {
  readIncidents: ['requester', 'agent', 'incident-manager', 'auditor', 'admin'],
  workIncidents: ['agent', 'incident-manager', 'admin'],
  acceptMajor: ['incident-manager', 'admin'],
  reopen: ['requester', 'agent', 'incident-manager', 'admin'],
  readCatalog: ROLES,
  readChanges: ['requester', 'agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'],
  readSchedule: ['agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'],
  approveChanges: ['cab-member', 'change-manager'],
  readAuditEvents: ['auditor'],
  readAuditIntegrity: ['auditor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

const STORAGE_KEY = 'itsm.console.token';

interface SessionContext {
  session: Session | null;
  signIn(token: string): void;
  signOut(): void;
}

const Context = createContext<SessionContext | null>(null);

const restore = (): Session | null => {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  try {
    return readToken(stored);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const restored = restore();
    setToken(restored?.token ?? null);
    return restored;
  });
  const signIn = useCallback((token: string) => {
    const next = readToken(token);
    sessionStorage.setItem(STORAGE_KEY, next.token);
    setToken(next.token);
    setSession(next);
  }, []);
  /** Ends the console's session in this tab only (an expired or refused bearer). */
  const endSession = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    forgetProviderSession();
    setToken(null);
    setSession(null);
  }, []);
  /** Signing out also ends the identity provider's session when it signed this tab in (RP-initiated logout). */
  const signOut = useCallback(() => {
    const providerLogout = endSessionUrl(readProviderSession(), `${window.location.origin}/`);
    endSession();
    if (providerLogout) window.location.assign(providerLogout);
  }, [endSession]);
  useEffect(() => whenUnauthorized(endSession), [endSession]);
  // A bearer from the provider is renewed with its refresh token before it expires, so work is not cut off.
  useEffect(() => {
    if (session?.expiresAt == null || !readProviderSession()?.refreshToken) return;
    let current = true;
    const timer = setTimeout(() => {
      import('./oidc/token-refresh')
        .then(({ refreshSignIn }) => refreshSignIn())
        .then((token) => current && token && signIn(token))
        .catch((problem: unknown) => console.warn('The identity provider did not refresh the session; it ends when its token expires.', problem));
    }, refreshDelay(session.expiresAt));
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session, signIn]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useSession = (): SessionContext => {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
};
