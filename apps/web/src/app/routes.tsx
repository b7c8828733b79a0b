import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/Feedback';
import { useAuth } from './auth/AuthContext';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { ADMIN_ROLES, homeFor, MERCHANT_ROLES, OPS_ROLES, ORDER_ROLES } from './navigation';
import { RequireRole } from './RequireRole';

/**
 * Pages load on first visit (maps, charts and forms are their own chunks): the tracking page a customer opens
 * on a phone does not carry the ops console with it.
 */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }));
}

const FleetMapPage = page(() => import('../features/fleet-map/components/FleetMapPage'), (m) => m.FleetMapPage);
const FlightDetailPage = page(() => import('../features/flights/components/FlightDetailPage'), (m) => m.FlightDetailPage);
const FlightsPage = page(() => import('../features/flights/components/FlightsPage'), (m) => m.FlightsPage);
const LeaderboardPage = page(() => import('../features/flights/components/LeaderboardPage'), (m) => m.LeaderboardPage);
const PlaybackPage = page(() => import('../features/flights/components/PlaybackPage'), (m) => m.PlaybackPage);
const CreateOrderPage = page(() => import('../features/merchant/components/CreateOrderPage'), (m) => m.CreateOrderPage);
const MerchantOrdersPage = page(() => import('../features/merchant/components/MerchantOrdersPage'), (m) => m.MerchantOrdersPage);
const OpsOrdersPage = page(() => import('../features/orders/components/OrderBoard'), (m) => () => <m.OrderBoard title="Orders" showMerchant />);
const OrderDetailPage = page(() => import('../features/orders/components/OrderDetailPage'), (m) => m.OrderDetailPage);
const AlertsPage = page(() => import('../features/alerts/components/AlertsPage'), (m) => m.AlertsPage);
const AirspacePage = page(() => import('../features/airspace/components/AirspacePage'), (m) => m.AirspacePage);
const DronesPage = page(() => import('../features/registry/components/DronesPage'), (m) => m.DronesPage);
const RegisterDronePage = page(() => import('../features/registry/components/RegisterDronePage'), (m) => m.RegisterDronePage);
const DroneDetailPage = page(() => import('../features/registry/components/DroneDetailPage'), (m) => m.DroneDetailPage);
const GeofencesPage = page(() => import('../features/geofences/components/GeofencesPage'), (m) => m.GeofencesPage);
const GeofenceEditorPage = page(() => import('../features/geofences/components/GeofenceEditorPage'), (m) => m.GeofenceEditorPage);
const TrackingPage = page(() => import('../features/tracking/components/TrackingPage'), (m) => m.TrackingPage);

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}

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

/** Every page. The fleet's pages (alerts, airspace, registry, geofences) are OPS and ADMIN's; changes ADMIN's. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/t/:publicTrackingId', element: <Lazy><TrackingPage /></Lazy> },
  {
    element: (
      <RequireRole roles={ORDER_ROLES}>
        <Layout />
      </RequireRole>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'ops/map', element: <RequireRole roles={OPS_ROLES}><Lazy><FleetMapPage /></Lazy></RequireRole> },
      { path: 'ops/orders', element: <RequireRole roles={OPS_ROLES}><Lazy><OpsOrdersPage /></Lazy></RequireRole> },
      { path: 'ops/alerts', element: <RequireRole roles={OPS_ROLES}><Lazy><AlertsPage /></Lazy></RequireRole> },
      { path: 'ops/airspace', element: <RequireRole roles={OPS_ROLES}><Lazy><AirspacePage /></Lazy></RequireRole> },
      { path: 'admin/drones', element: <RequireRole roles={OPS_ROLES}><Lazy><DronesPage /></Lazy></RequireRole> },
      { path: 'admin/drones/new', element: <RequireRole roles={ADMIN_ROLES}><Lazy><RegisterDronePage /></Lazy></RequireRole> },
      { path: 'admin/drones/:droneId', element: <RequireRole roles={OPS_ROLES}><Lazy><DroneDetailPage /></Lazy></RequireRole> },
      { path: 'admin/geofences', element: <RequireRole roles={OPS_ROLES}><Lazy><GeofencesPage /></Lazy></RequireRole> },
      { path: 'admin/geofences/new', element: <RequireRole roles={ADMIN_ROLES}><Lazy><GeofenceEditorPage /></Lazy></RequireRole> },
      { path: 'admin/geofences/:geofenceId', element: <RequireRole roles={OPS_ROLES}><Lazy><GeofenceEditorPage /></Lazy></RequireRole> },
      { path: 'orders/:orderId', element: <Lazy><OrderDetailPage /></Lazy> },
      { path: 'merchant/orders', element: <RequireRole roles={MERCHANT_ROLES}><Lazy><MerchantOrdersPage /></Lazy></RequireRole> },
      { path: 'merchant/orders/new', element: <RequireRole roles={MERCHANT_ROLES}><Lazy><CreateOrderPage /></Lazy></RequireRole> },
      { path: 'analytics/flights', element: <RequireRole roles={OPS_ROLES}><Lazy><FlightsPage /></Lazy></RequireRole> },
      { path: 'analytics/flights/:flightId', element: <RequireRole roles={OPS_ROLES}><Lazy><FlightDetailPage /></Lazy></RequireRole> },
      { path: 'analytics/leaderboard', element: <RequireRole roles={OPS_ROLES}><Lazy><LeaderboardPage /></Lazy></RequireRole> },
      { path: 'analytics/playback', element: <RequireRole roles={OPS_ROLES}><Lazy><PlaybackPage /></Lazy></RequireRole> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
