import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '@wingxtra/contracts/client';
import { decodeToken, TokenError, type Session } from './token';

/** sessionStorage only (the tab's life), never localStorage: a bearer token should not outlive the tab. */
export const TOKEN_STORAGE_KEY = 'wingxtra.token';

interface AuthState {
  session: Session | null;
  /** Why the person was signed out (expiry, a 401), shown on the login page. */
  notice: string | null;
  signIn(token: string): Session;
  signOut(notice?: string): void;
}

const AuthContext = createContext<AuthState | null>(null);

function restore(): Session | null {
  try {
    const stored = sessionStorage.getItem(TOKEN_STORAGE_KEY);
    return stored ? decodeToken(stored) : null;
  } catch {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restore);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((token: string) => {
    const s = decodeToken(token);
    sessionStorage.setItem(TOKEN_STORAGE_KEY, s.token);
    setSession(s);
    setNotice(null);
    return s;
  }, []);

  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    setSession(null);
    setNotice(why ?? null);
  }, []);

  // Sign out when the token expires rather than failing every request after that moment.
  useEffect(() => {
    if (!session) return;
    const ms = session.expiresAt - Date.now();
    const timer = setTimeout(() => signOut('Your sign-in expired. Sign in again with a fresh token.'), Math.min(Math.max(ms, 0), 2_147_000_000));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function hasRole(session: Session | null, roles: readonly Role[]): boolean {
  return session !== null && roles.includes(session.role);
}

export { TokenError };
