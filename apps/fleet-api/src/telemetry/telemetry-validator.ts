import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  TELEMETRY_SCHEMA_VERSIONS,
  TELEMETRY_SECTIONS,
  TELEMETRY_V1_JSON_SCHEMA,
  TELEMETRY_V2_JSON_SCHEMA,
  TELEMETRY_V2_SECTIONS,
  type FieldError,
  type TelemetrySchemaVersion,
} from '@wingxtra/contracts';

/** A packet that passed every rule, pre-serialised for storage (see LatestStateRepository). */
export interface NormalizedPacket {
  droneId: string;
  /** The packet's schema_version (1 or 2). */
  schemaVersion: TelemetrySchemaVersion;
  /** The reading's time as sent, and in epoch milliseconds for ordering. */
  ts: string;
  tsMs: number;
  /** [section, sectionJson, section, sectionJson, ...] for the sections the packet carries. */
  sectionFields: string[];
  /** The whole packet as JSON, unknown fields dropped. */
  json: string;
}

export type PacketVerdict =
  | { ok: true; packet: NormalizedPacket }
  | { ok: false; droneId: string | null; errors: FieldError[] };

type SectionSchema = { properties: Record<string, unknown> };

/** What judging and storing a packet of one schema version needs, worked out once. */
interface VersionRules {
  version: TelemetrySchemaVersion;
  check: ValidateFunction;
  /** [section, its known fields] in the version's section order. */
  sections: Array<[string, string[]]>;
}

function versionRules(
  ajv: Ajv,
  version: TelemetrySchemaVersion,
  schema: { properties: Record<string, unknown> },
  sections: readonly string[],
): VersionRules {
  return {
    version,
    check: ajv.compile(schema),
    sections: sections.map((s) => [s, Object.keys((schema.properties[s] as SectionSchema).properties)]),
  };
}

const VERSION_ERROR: FieldError = { field: 'schema_version', message: `must be ${TELEMETRY_SCHEMA_VERSIONS.join(' or ')}` };

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  null: 'null',
};

const PATTERN_MESSAGES: Record<string, string> = {
  drone_id: 'must be 3 to 64 characters of A-Z, 0-9, - or _',
  ts: 'must be an RFC 3339 date-time with a zone, such as 2026-02-16T12:34:56.123Z',
};

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return path ? `${path}.${missing}` : missing;
  }
  return path || '(packet)';
}

function messageOf(error: ErrorObject): string {
  const parent = error.parentSchema as { minimum?: number; maximum?: number } | undefined;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'type': {
      const types = ([] as string[]).concat((error.params as { type: string | string[] }).type);
      return `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    }
    case 'minimum':
    case 'maximum':
      return parent?.minimum !== undefined && parent.maximum !== undefined
        ? `must be between ${parent.minimum} and ${parent.maximum}`
        : `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${(error.params as { limit: number }).limit}`;
    case 'const':
      return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'pattern':
      return PATTERN_MESSAGES[fieldOf(error)] ?? `must match ${(error.params as { pattern: string }).pattern}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** True when Y-M-D names a real calendar day (the pattern alone lets 2026-02-30 through). */
function isCalendarDate(ts: string): boolean {
  const y = Number(ts.slice(0, 4));
  const m = Number(ts.slice(5, 7));
  const d = Number(ts.slice(8, 10));
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/**
 * Judges one packet against the telemetry schema its schema_version names (v1 or v2): the contract's JSON
 * Schema compiled by ajv (the hot path; class-validator is the definition and agrees with it, see contracts),
 * then the rules that need the server's clock.
 */
export class TelemetryValidator {
  private readonly v1: VersionRules;
  private readonly v2: VersionRules;

  constructor(private readonly maxClockSkewMs: number) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    this.v1 = versionRules(ajv, 1, TELEMETRY_V1_JSON_SCHEMA, TELEMETRY_SECTIONS);
    this.v2 = versionRules(ajv, 2, TELEMETRY_V2_JSON_SCHEMA, TELEMETRY_V2_SECTIONS);
  }

  validate(input: unknown, nowMs: number): PacketVerdict {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, droneId: null, errors: [{ field: '(packet)', message: 'must be a JSON object' }] };
    }
    const raw = input as Record<string, unknown>;
    const droneId = typeof raw.drone_id === 'string' ? raw.drone_id : null;
    // A missing schema_version is judged by v1, which names it (and any other missing field) as required.
    const sv = raw.schema_version;
    const rules = sv === 1 || sv === undefined ? this.v1 : sv === 2 ? this.v2 : null;
    if (rules === null) return { ok: false, droneId, errors: [{ ...VERSION_ERROR }] };
    if (!rules.check(raw)) {
      const errors = (rules.check.errors ?? []).map((e) => ({ field: fieldOf(e), message: messageOf(e) }));
      return { ok: false, droneId, errors };
    }
    const ts = raw.ts as string;
    const tsMs = Date.parse(ts);
    if (Number.isNaN(tsMs) || !isCalendarDate(ts)) {
      return { ok: false, droneId, errors: [{ field: 'ts', message: 'is not a real time' }] };
    }
    if (tsMs > nowMs + this.maxClockSkewMs) {
      const skew = Math.round(this.maxClockSkewMs / 1000);
      return { ok: false, droneId, errors: [{ field: 'ts', message: `is more than ${skew} s ahead of the server clock` }] };
    }
    return { ok: true, packet: normalize(raw, rules, droneId as string, ts, tsMs) };
  }
}

function normalize(raw: Record<string, unknown>, rules: VersionRules, droneId: string, ts: string, tsMs: number): NormalizedPacket {
  const sectionFields: string[] = [];
  let json = `{"schema_version":${rules.version},"drone_id":"${droneId}","ts":"${ts}"`;
  for (const [section, fields] of rules.sections) {
    const value = raw[section] as Record<string, unknown> | null | undefined;
    if (value === undefined || value === null) continue;
    // Written field by field, as JSON.stringify of an object of the known fields would (no object is built:
    // this runs for every packet). Field names come from the schema and need no escaping.
    let sectionJson = '';
    for (const field of fields) {
      const v = value[field];
      if (v !== undefined) sectionJson += `${sectionJson ? ',' : '{'}"${field}":${JSON.stringify(v)}`;
    }
    sectionJson = sectionJson ? `${sectionJson}}` : '{}';
    sectionFields.push(section, sectionJson);
    json += `,"${section}":${sectionJson}`;
  }
  return { droneId, schemaVersion: rules.version, ts, tsMs, sectionFields, json: `${json}}` };
}
