import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { TokenError, tokenFromFragment } from './auth/token';
import { homeFor } from './navigation';

/**
 * Sign-in with a bearer token (locally: delivery-service's development tokens, see README "A development
 * token"). A `#token=<jwt>` fragment signs in at once; the fragment is removed from the address bar so the
 * token does not linger in history.
 */
export function LoginPage() {
  const { session, notice, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const attempt = (raw: string) => {
    try {
      const s = signIn(raw);
      navigate(from && from !== '/login' ? from : homeFor(s.role), { replace: true });
    } catch (err) {
      setError(err instanceof TokenError ? err.message : `The token cannot be used: ${(err as Error).message}`);
    }
  };

  useEffect(() => {
    const fragment = tokenFromFragment(window.location.hash);
    if (fragment) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      attempt(fragment);
    }
    // Only on arrival: the fragment is read once.
  }, []);

  if (session && !error && !tokenFromFragment(window.location.hash)) return <Navigate to={homeFor(session.role)} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() === '') setError('Paste a token first.');
    else attempt(token);
  };

  return (
    <main className="login" id="main">
      <h1>Wingxtra</h1>
      <form onSubmit={submit} noValidate>
        <label htmlFor="token">Bearer token</label>
        <textarea id="token" rows={5} value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={Boolean(error)} aria-describedby="token-help" />
        <p id="token-help" className="note">
          Paste the JWT you were given. For development: <code>pnpm --filter @wingxtra/delivery-service token -- --role OPS --sub ops-1</code>. The token stays in this tab only.
        </p>
        {notice ? (
          <p className="warning" role="status">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
      <p className="note">Following a delivery? Open the tracking link you received; it needs no sign-in.</p>
    </main>
  );
}
