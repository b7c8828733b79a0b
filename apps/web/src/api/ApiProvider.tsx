import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { useAuth } from '../app/auth/AuthContext';
import { createApiClients, type ApiClients } from './clients';
import { errorStatus } from './errors';

const ClientsContext = createContext<ApiClients | null>(null);

/** Statuses worth no automatic retry: the answer will not change by asking again at once. */
const FINAL = new Set([400, 401, 403, 404, 409, 410, 413, 415, 422, 423, 429]);

export function ApiProvider({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;
  const hadSession = useRef(false);
  hadSession.current = session !== null;

  const queryClient = useMemo(() => {
    // A 401 on a signed-in call means the token is no longer accepted: back to the login page, saying why.
    const onError = (err: unknown) => {
      if (errorStatus(err) === 401 && hadSession.current) signOutRef.current('The services no longer accept your token. Sign in again with a fresh one.');
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          retry: (count, err) => count < 2 && !FINAL.has(errorStatus(err) ?? 0),
          refetchOnWindowFocus: false,
          staleTime: 2_000,
        },
        mutations: { retry: false },
      },
    });
  }, []);

  const clients = useMemo(() => createApiClients(session?.token), [session?.token]);
  return (
    <QueryClientProvider client={queryClient}>
      <ClientsContext.Provider value={clients}>{children}</ClientsContext.Provider>
    </QueryClientProvider>
  );
}

export function useClients(): ApiClients {
  const c = useContext(ClientsContext);
  if (!c) throw new Error('useClients outside ApiProvider');
  return c;
}
