import { DEFAULT_RUNTIME_CONFIG, RUNTIME_CONFIG_GLOBAL, type RuntimeConfig } from '../server/runtime-config';

/**
 * The app's settings: served at run time by the web server (GET /runtime-config.js, loaded before the app),
 * checked here field by field. A missing or bad value falls back to its default with a console warning, so a
 * dev server without the script still works.
 */
export function readRuntimeConfig(raw: unknown): RuntimeConfig {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof RuntimeConfig, unknown>>;
  const config: RuntimeConfig = { ...DEFAULT_RUNTIME_CONFIG };
  const problems: string[] = [];
  if (typeof given.tileUrl === 'string' && /\{z\}.*\{x\}.*\{y\}/.test(given.tileUrl)) config.tileUrl = given.tileUrl;
  else if (given.tileUrl !== undefined) problems.push('tileUrl must be a URL template with {z}, {x} and {y}');
  if (typeof given.tileAttribution === 'string') config.tileAttribution = given.tileAttribution;
  else if (given.tileAttribution !== undefined) problems.push('tileAttribution must be a string');
  if (typeof given.offlineAfterS === 'number' && Number.isFinite(given.offlineAfterS) && given.offlineAfterS > 0) config.offlineAfterS = given.offlineAfterS;
  else if (given.offlineAfterS !== undefined) problems.push('offlineAfterS must be a positive number');
  if (raw === undefined) problems.push('no runtime config was served (GET /runtime-config.js); using the defaults');
  if (problems.length > 0) console.warn(`Wingxtra runtime config: ${problems.join('; ')}`);
  return config;
}

export const appConfig: RuntimeConfig = readRuntimeConfig((globalThis as Record<string, unknown>)[RUNTIME_CONFIG_GLOBAL]);

/** True in `vite` dev mode (import.meta.env is Vite's; absent under Jest). */
export const isDevBuild: boolean = Boolean((import.meta as { env?: { DEV?: boolean } }).env?.DEV);
