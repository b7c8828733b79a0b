import type { ValidationError } from 'class-validator';

/** class-transformer @Transform for booleans from the environment: 1/true/yes/on and 0/false/no/off (any case). */
/** A hop count from true/false (1/0) or a whole number; anything else is left for validation to refuse. */
export const envHops = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(v)) return 1;
  if (['false', 'no', 'off', ''].includes(v)) return 0;
  return /^\d+$/.test(v) ? Number(v) : value;
};

export const envBool = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off', ''].includes(value.toLowerCase())
        ? false
        : value
    : value;

/** class-transformer @Transform for comma-separated lists from the environment. */
export const envList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Every problem with a service's environment, found at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** One sentence per failed constraint, prefixed with the field's path unless the message names it already. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${prefix}${m}` : `${path}: ${m}`));
    return [...own, ...describeValidationErrors(e.children ?? [], `${path}.`)];
  });
}

/** The named variables that are set; a variable set to an empty string counts as unset. */
export function pickEnv(env: NodeJS.ProcessEnv, keys: Iterable<string>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  return input;
}
