/**
 * Field rules for the forms: the contracts' DTO rules written as plain functions, so the browser checks a form
 * before sending it without carrying class-validator (the app imports `@wingxtra/contracts/client`, which has the
 * DTOs as types only). Each rule set names the DTO it mirrors; `src/utils/dto-agreement.spec.ts` runs both on
 * the same values and fails when they judge a field differently, so a changed DTO cannot drift unnoticed.
 */

/** One property's rule: the problem in words, or null when the value passes. */
export type Rule = (value: unknown) => string | null;

/** A DTO's rules by property; a dotted key (`home.lat`) checks a nested field, skipped while its parent is absent. */
export type RuleSet = Record<string, Rule>;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** As class-validator's IsOptional: null and undefined pass, anything else meets the rule. */
export function optional(rule: Rule): Rule {
  return (v) => (v === undefined || v === null ? null : rule(v));
}

/** IsNumber (finite) with Min, Max and IsInt as given. */
export function number(label: string, o: { min?: number; max?: number; integer?: boolean; unit?: string } = {}): Rule {
  const unit = o.unit === '°' ? '°' : o.unit ? ` ${o.unit}` : '';
  return (v) => {
    if (!isNumber(v)) return `${label} must be a number`;
    if (o.integer && !Number.isInteger(v)) return `${label} must be a whole number`;
    const low = o.min !== undefined && v < o.min;
    const high = o.max !== undefined && v > o.max;
    if (!low && !high) return null;
    if (o.min !== undefined && o.max !== undefined) return `${label} must be from ${o.min} to ${o.max}${unit}`;
    return low ? `${label} must be at least ${o.min}${unit}` : `${label} must be at most ${o.max}${unit}`;
  };
}

export const latitude = (label: string): Rule => number(label, { min: -90, max: 90, unit: '°' });
export const longitude = (label: string): Rule => number(label, { min: -180, max: 180, unit: '°' });

/** IsString with MinLength, MaxLength and Matches as given. */
export function text(label: string, o: { min?: number; max?: number; pattern?: RegExp; patternMessage?: string } = {}): Rule {
  return (v) => {
    if (typeof v !== 'string') return `${label} must be text`;
    if (o.min !== undefined && v.length < o.min) return o.min === 1 ? `${label} must not be empty` : `${label} must be at least ${o.min} characters`;
    if (o.max !== undefined && v.length > o.max) return `${label} must be at most ${o.max} characters`;
    if (o.pattern && !o.pattern.test(v)) return o.patternMessage ?? `${label} is not in the expected form`;
    return null;
  };
}

/** IsIn. */
export function oneOf(label: string, values: readonly string[]): Rule {
  return (v) => (typeof v === 'string' && values.includes(v) ? null : `${label} must be one of ${values.join(', ')}`);
}

/** IsArray with ArrayMinSize and ArrayMaxSize. */
export function list(label: string, o: { min?: number; max?: number } = {}): Rule {
  return (v) => {
    if (!Array.isArray(v)) return `${label} must be a list`;
    if (o.min !== undefined && v.length < o.min) return `${label} must have at least ${o.min}`;
    if (o.max !== undefined && v.length > o.max) return `${label} must have at most ${o.max}`;
    return null;
  };
}

export function boolean(label: string): Rule {
  return (v) => (typeof v === 'boolean' ? null : `${label} must be true or false`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** IsISO8601 (strict) for the instants the forms produce: a date and time with a zone, a real calendar date. */
export function isoInstant(label: string): Rule {
  return (v) => {
    if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v))) return `${label} must be a date and time`;
    const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? null : `${label} must be a real date`;
  };
}

/** Every property's first problem, by property (dotted for nested fields); empty when the value passes. */
export function checkRules(rules: RuleSet, value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, rule] of Object.entries(rules)) {
    const parts = path.split('.');
    let v: unknown = value;
    let present = true;
    for (let i = 0; i < parts.length; i++) {
      if (v === undefined || v === null || typeof v !== 'object') {
        // A nested field of an absent (optional) parent is not checked; the parent's own rule speaks for it.
        present = i === 0;
        v = undefined;
        break;
      }
      v = (v as Record<string, unknown>)[parts[i]!];
    }
    if (!present) continue;
    const problem = rule(v);
    if (problem) out[path] = problem;
  }
  return out;
}
