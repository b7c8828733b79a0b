import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { FleetMapPage } from '../features/fleet-map/components/FleetMapPage';
import { FlightDetailPage } from '../features/flights/components/FlightDetailPage';
import { FlightsPage } from '../features/flights/components/FlightsPage';
import { LeaderboardPage } from '../features/flights/components/LeaderboardPage';
import { PlaybackPage } from '../features/flights/components/PlaybackPage';
import { CreateOrderPage } from '../features/merchant/components/CreateOrderPage';
import { MerchantOrdersPage } from '../features/merchant/components/MerchantOrdersPage';
import { OrderBoard } from '../features/orders/components/OrderBoard';
import { OrderDetailPage } from '../features/orders/components/OrderDetailPage';
import { TrackingPage } from '../features/tracking/components/TrackingPage';
import { useAuth } from './auth/AuthContext';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { homeFor, MERCHANT_ROLES, OPS_ROLES, ORDER_ROLES } from './navigation';
import { RequireRole } from './RequireRole';

function Home() {
  const { session } = useAuth();
  return <Navigate to={session ? homeFor(session.role) : '/login'} replace />;
}

function NotFound() {
  return (
    <div>
      <h1>Page not found</h1>
      <p>There is no page at {window.location.pathname}.</p>
    </div>
  );
}

/** Every page. Issue 7's registry, alerts and airspace pages join the OPS/ADMIN group (and navigation.ts). */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/t/:publicTrackingId', element: <TrackingPage /> },
  {
    element: (
      <RequireRole roles={ORDER_ROLES}>
        <Layout />
      </RequireRole>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'ops/map', element: <RequireRole roles={OPS_ROLES}><FleetMapPage /></RequireRole> },
      { path: 'ops/orders', element: <RequireRole roles={OPS_ROLES}><OrderBoard title="Orders" showMerchant /></RequireRole> },
      { path: 'orders/:orderId', element: <OrderDetailPage /> },
      { path: 'merchant/orders', element: <RequireRole roles={MERCHANT_ROLES}><MerchantOrdersPage /></RequireRole> },
      { path: 'merchant/orders/new', element: <RequireRole roles={MERCHANT_ROLES}><CreateOrderPage /></RequireRole> },
      { path: 'analytics/flights', element: <RequireRole roles={OPS_ROLES}><FlightsPage /></RequireRole> },
      { path: 'analytics/flights/:flightId', element: <RequireRole roles={OPS_ROLES}><FlightDetailPage /></RequireRole> },
      { path: 'analytics/leaderboard', element: <RequireRole roles={OPS_ROLES}><LeaderboardPage /></RequireRole> },
      { path: 'analytics/playback', element: <RequireRole roles={OPS_ROLES}><PlaybackPage /></RequireRole> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
