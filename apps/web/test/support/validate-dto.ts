import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/**
 * Runs the contracts' DTO class (the very rules the service applies) on a value, for the agreement tests: one
 * message per failing field (nested fields as a.b), empty when valid. Tests only: the app checks its forms with
 * the plain rules of src/utils/rules.ts and never loads class-validator.
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
