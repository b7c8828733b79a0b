import { BadRequestException } from '@nestjs/common';

/** Opaque page cursors: base64url of "<kind>:<value>", checked on the way back in. */
export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(`${kind}:`) || Buffer.from(text).toString('base64url') !== cursor) {
    throw new BadRequestException('cursor is not a cursor this API returned');
  }
  return text.slice(kind.length + 1);
}
