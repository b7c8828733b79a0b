import { AirspaceApiClient, AnalyticsApiClient, DeliveryApiClient, FleetApiClient, FleetRegistryClient, HttpJsonClient } from '@wingxtra/contracts/client';
import { toPublicPath, type ApiService } from '../../server/proxy-map';
import { DeliveryExtras } from './delivery-extras';

/**
 * The contracts' clients build `${baseUrl}/api/v1/...`; with an empty base URL each client's own fetch maps
 * that onto the web server's prefix for its service (proxy-map.ts), so the overlapping paths of the services
 * never meet.
 */
export function serviceFetch(service: ApiService, fetchFn: typeof fetch = (...a) => globalThis.fetch(...a)): typeof fetch {
  return (input, init) => fetchFn(toPublicPath(service, typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url), init);
}

export interface ApiClients {
  fleet: FleetApiClient;
  /** fleet-api's drone registry, geofences and alerts (bearer token: OPS reads, ADMIN writes). */
  registry: FleetRegistryClient;
  delivery: DeliveryApiClient;
  deliveryExtras: DeliveryExtras;
  analytics: AnalyticsApiClient;
  airspace: AirspaceApiClient;
}

export function createApiClients(token: string | undefined, fetchFn?: typeof fetch): ApiClients {
  const options = (service: ApiService) => ({ baseUrl: '', timeoutMs: 15_000, fetch: serviceFetch(service, fetchFn) });
  return {
    fleet: new FleetApiClient(options('fleet')),
    registry: new FleetRegistryClient({ ...options('fleet'), token }),
    delivery: new DeliveryApiClient({ ...options('delivery'), token }),
    deliveryExtras: new DeliveryExtras(new HttpJsonClient(options('delivery')), serviceFetch('delivery', fetchFn), token),
    analytics: new AnalyticsApiClient({ ...options('analytics'), token }),
    airspace: new AirspaceApiClient({ ...options('analytics'), token }),
  };
}
