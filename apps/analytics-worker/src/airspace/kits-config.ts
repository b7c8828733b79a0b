import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One detection kit of KITS_CONFIG. */
export interface KitConfig {
  id: string;
  name: string;
  /** Base URL of the kit's DragonSync API (no trailing slash). */
  apiUrl: string;
  location: string | null;
  enabled: boolean;
}

const KIT_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KNOWN_FIELDS = new Set(['id', 'name', 'api_url', 'location', 'enabled']);

/** A KITS_CONFIG file that cannot be used, with every problem found. */
export class KitsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'KitsConfigError';
  }
}

/**
 * Reads the kits list: `kits: [{id, name, api_url, location, enabled}]`. `id` and `api_url` (http or https) are
 * required, ids unique; `name` defaults to the id, `location` to none, `enabled` to true. Throws KitsConfigError
 * naming every problem (with the kit's position), so a bad file is refused whole at start-up.
 */
export function parseKitsConfig(text: string, source = 'KITS_CONFIG'): KitConfig[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new KitsConfigError([`${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('kits' in doc)) {
    throw new KitsConfigError([`${source} must be a mapping with a "kits" list`]);
  }
  const list = (doc as { kits: unknown }).kits;
  if (!Array.isArray(list)) throw new KitsConfigError([`${source}: "kits" must be a list`]);

  const problems: string[] = [];
  const kits: KitConfig[] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const at = `${source}: kits[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at} must be a mapping with id and api_url`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(e)) if (!KNOWN_FIELDS.has(key)) problems.push(`${at}: unknown field "${key}" (known: ${[...KNOWN_FIELDS].join(', ')})`);
    const id = typeof e.id === 'number' ? String(e.id) : e.id;
    if (typeof id !== 'string' || !KIT_ID.test(id)) problems.push(`${at}: id is required, 1-64 characters of A-Z a-z 0-9 . _ -`);
    else if (seen.has(id)) problems.push(`${at}: id "${id}" appears more than once`);
    let apiUrl = '';
    if (typeof e.api_url !== 'string') problems.push(`${at}: api_url is required (for example http://192.168.1.100:8088)`);
    else {
      try {
        const u = new URL(e.api_url);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
        apiUrl = e.api_url.replace(/\/+$/, '');
      } catch {
        problems.push(`${at}: api_url must be an http(s) URL, got "${e.api_url}"`);
      }
    }
    if (e.name !== undefined && e.name !== null && typeof e.name !== 'string') problems.push(`${at}: name must be text`);
    if (e.location !== undefined && e.location !== null && typeof e.location !== 'string') problems.push(`${at}: location must be text`);
    if (e.enabled !== undefined && typeof e.enabled !== 'boolean') problems.push(`${at}: enabled must be true or false`);
    if (problems.length > before) return;
    seen.add(id as string);
    kits.push({
      id: id as string,
      name: typeof e.name === 'string' && e.name.trim() ? e.name.trim() : (id as string),
      apiUrl,
      location: typeof e.location === 'string' && e.location.trim() ? e.location.trim() : null,
      enabled: e.enabled === undefined ? true : (e.enabled as boolean),
    });
  });
  if (problems.length > 0) throw new KitsConfigError(problems);
  return kits;
}

/** parseKitsConfig of a file; an unreadable file is a KitsConfigError too. */
export function loadKitsConfig(path: string): KitConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KitsConfigError([`KITS_CONFIG ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  return parseKitsConfig(text, `KITS_CONFIG ${path}`);
}
