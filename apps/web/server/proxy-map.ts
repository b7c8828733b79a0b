/**
 * How the web server exposes the three APIs under one address. Each service gets a prefix of its own, because
 * their paths overlap (analytics-worker's /api/v1/drones/{id}/flights and fleet-api's coming /api/v1/drones
 * registry): /api/<prefix>/v1/... is forwarded to that service's /api/v1/.... Only a service's /api/ tree is
 * reachable this way (never its /metrics or /docs). The app's API clients and the server both use this module,
 * so the two cannot disagree.
 */
export const API_SERVICES = ['fleet', 'delivery', 'analytics'] as const;
export type ApiService = (typeof API_SERVICES)[number];

/** The web server's public prefix of each service. */
export const PROXY_PREFIXES: Record<ApiService, string> = {
  fleet: '/api/fleet',
  delivery: '/api/delivery',
  analytics: '/api/analytics',
};

/** What a prefix is replaced by on the way to the service. */
export const SERVICE_API_ROOT = '/api';

/** The web server's path for a service's own path: ('fleet', '/api/v1/telemetry/latest') → '/api/fleet/v1/telemetry/latest'. */
export function toPublicPath(service: ApiService, servicePath: string): string {
  if (!servicePath.startsWith(`${SERVICE_API_ROOT}/`)) {
    throw new Error(`Only a service's ${SERVICE_API_ROOT}/ paths are proxied, not ${servicePath}`);
  }
  return PROXY_PREFIXES[service] + servicePath.slice(SERVICE_API_ROOT.length);
}

/** The service and its own path for a web server path, or null when the path belongs to no service. */
export function toServicePath(publicPath: string): { service: ApiService; path: string } | null {
  for (const service of API_SERVICES) {
    const prefix = PROXY_PREFIXES[service];
    if (publicPath.startsWith(`${prefix}/`) || publicPath.startsWith(`${prefix}?`) || publicPath === prefix) {
      return { service, path: SERVICE_API_ROOT + publicPath.slice(prefix.length) };
    }
  }
  return null;
}

/** Each service's name, for messages a person reads. */
export const SERVICE_NAMES: Record<ApiService, string> = {
  fleet: 'fleet-api',
  delivery: 'delivery-service',
  analytics: 'analytics-worker',
};
