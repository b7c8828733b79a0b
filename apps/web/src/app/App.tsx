import { RouterProvider } from 'react-router';
import { useMemo } from 'react';
import { ApiProvider } from '../api/ApiProvider';
import { AuthProvider } from './auth/AuthContext';
import { createRouter } from './routes';

export function App() {
  const router = useMemo(() => createRouter(), []);
  return (
    <AuthProvider>
      <ApiProvider>
        <RouterProvider router={router} />
      </ApiProvider>
    </AuthProvider>
  );
}
