import { beforeEach, describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AuthProvider, TOKEN_STORAGE_KEY } from './auth/AuthContext';
import { LoginPage } from './LoginPage';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.sig`;

function renderLogin() {
  // Declarative routing: jsdom lacks the fetch Request a data router needs; the page is the same.
  render(
    <AuthProvider>
      <MemoryRouter initialEntries={['/login']}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/ops/map" element={<h1>Fleet map page</h1>} />
          <Route path="/merchant/orders" element={<h1>Merchant orders page</h1>} />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

describe('login page', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/login');
  });

  it('signs an OPS token in and lands on the fleet map, keeping the token in this tab only', async () => {
    const token = jwt({ sub: 'ops-1', role: 'OPS' });
    renderLogin();
    await userEvent.type(screen.getByLabelText('Bearer token'), token);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Fleet map page' });
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe(token);
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('explains why a token cannot be used', async () => {
    renderLogin();
    await userEvent.type(screen.getByLabelText('Bearer token'), 'not-a-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This is not a token: a JWT is three base64url parts separated by dots.');
  });

  it('signs in from a #token= link, lands a merchant on their orders and clears the token from the address', async () => {
    window.history.replaceState(null, '', `/login#token=${jwt({ sub: 'shop-1', role: 'MERCHANT', merchant_id: 'm-1' })}`);
    renderLogin();
    await screen.findByRole('heading', { name: 'Merchant orders page' });
    expect(window.location.hash).toBe('');
  });
});
