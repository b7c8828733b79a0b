import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], `${field}.`)];
  });
}

/**
 * Body and query validation against the contracts' DTOs: unknown fields are refused, and the 400 names each
 * bad field ({statusCode, error, message, errors: [{field, message}]}).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new BadRequestException({ message: list.map((e) => e.message).join('; ') || 'Invalid request', errors: list });
    },
  });
}

/**
 * The same checks for a body read by hand (multipart proofs, signed callbacks whose signature is checked
 * first): the DTO instance, or a 400 naming each bad field.
 */
export async function validateBody<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new BadRequestException({ message: 'Body must be a JSON object', errors: [] });
  const dto = plainToInstance(cls, plain);
  const list = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }));
  if (list.length > 0) throw new BadRequestException({ message: list.map((e) => e.message).join('; '), errors: list });
  return dto;
}
