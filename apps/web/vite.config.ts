import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { API_SERVICES, PROXY_PREFIXES, SERVICE_API_ROOT } from './server/proxy-map.js';
import { DEFAULT_RUNTIME_CONFIG, RUNTIME_CONFIG_PATH, runtimeConfigScript } from './server/runtime-config.js';

const DEV_UPSTREAMS = {
  fleet: process.env.FLEET_API_URL ?? 'http://127.0.0.1:8000',
  delivery: process.env.DELIVERY_API_URL ?? 'http://127.0.0.1:8001',
  analytics: process.env.ANALYTICS_API_URL ?? 'http://127.0.0.1:8002',
};

/** `vite` (dev) answers /runtime-config.js like the web server does, from TILE_URL and OFFLINE_AFTER_S. */
function devRuntimeConfig(): Plugin {
  return {
    name: 'wingxtra-runtime-config',
    configureServer(server) {
      server.middlewares.use(RUNTIME_CONFIG_PATH, (_req, res) => {
        res.setHeader('content-type', 'application/javascript');
        res.end(
          runtimeConfigScript({
            tileUrl: process.env.TILE_URL ?? DEFAULT_RUNTIME_CONFIG.tileUrl,
            tileAttribution: process.env.TILE_ATTRIBUTION ?? DEFAULT_RUNTIME_CONFIG.tileAttribution,
            offlineAfterS: Number(process.env.OFFLINE_AFTER_S ?? DEFAULT_RUNTIME_CONFIG.offlineAfterS),
          }),
        );
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), devRuntimeConfig()],
  build: { outDir: 'dist/public', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  // The dev server proxies exactly as the web server does (server/proxy-map.ts).
  server: {
    proxy: Object.fromEntries(
      API_SERVICES.map((s) => [
        PROXY_PREFIXES[s],
        { target: DEV_UPSTREAMS[s], changeOrigin: true, rewrite: (path: string) => SERVICE_API_ROOT + path.slice(PROXY_PREFIXES[s].length) },
      ]),
    ),
  },
});
