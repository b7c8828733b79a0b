import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '@wingxtra/contracts/client';
import { useAuth } from './auth/AuthContext';

/** Signed-out people go to the login page (and come back after); a role without access is told so. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!roles.includes(session.role)) {
    return (
      <div role="alert">
        <h1>Not available to {session.role}</h1>
        <p>This page is for {roles.join(' or ')}. Sign in with another token, or use the navigation above.</p>
      </div>
    );
  }
  return <>{children}</>;
}
