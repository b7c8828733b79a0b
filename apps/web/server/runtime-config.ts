/**
 * Settings the app reads at run time rather than build time, so one build serves every deployment. The server
 * answers GET /runtime-config.js with a script that sets them on window before the app starts. Never a secret.
 */
export interface RuntimeConfig {
  /** Leaflet tile URL template; the maps work without tiles. */
  tileUrl: string;
  tileAttribution: string;
  /** A drone is shown OFFLINE once its last report is older than this. */
  offlineAfterS: number;
}

export const RUNTIME_CONFIG_PATH = '/runtime-config.js';
export const RUNTIME_CONFIG_GLOBAL = '__WINGXTRA_CONFIG__';

export const DEFAULT_RUNTIME_CONFIG: RuntimeConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '&copy; OpenStreetMap contributors',
  offlineAfterS: 30,
};

/** The script body: JSON is valid JavaScript, and "<" is escaped so no value can close a script tag. */
export function runtimeConfigScript(config: RuntimeConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `window.${RUNTIME_CONFIG_GLOBAL} = ${json};\n`;
}
