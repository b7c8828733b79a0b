import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/**
 * Checks a form's value against the contracts' DTO class (the very rules the service applies), before it is
 * sent. Returns one message per field (nested fields as a.b), empty when valid.
 */
export function validateDto<T extends object>(cls: ClassConstructor<T>, plain: Record<string, unknown>): Record<string, string> {
  const errors = validateSync(plainToInstance(cls, plain), { forbidUnknownValues: false });
  const out: Record<string, string> = {};
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const field = `${prefix}${e.property}`;
      const messages = Object.values(e.constraints ?? {});
      if (messages.length > 0 && !out[field]) out[field] = messages[0]!;
      walk(e.children ?? [], `${field}.`);
    }
  };
  walk(errors, '');
  return out;
}
