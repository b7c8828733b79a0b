import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/** The image types a proof may carry, recognised by their first bytes (the declared type is not trusted). */
export function sniffImage(bytes: Buffer): { mime: string; ext: string } | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: 'image/png', ext: 'png' };
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** Proof images on local disk under POD_STORAGE_DIR/<order id>/; written whole, then renamed into place. */
export class PhotoStore {
  readonly root: string;

  constructor(dir: string) {
    this.root = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
  }

  /** Stores the image; returns its path relative to the root. */
  async save(orderId: string, kind: string, bytes: Buffer, ext: string): Promise<string> {
    const dir = join(this.root, orderId);
    await mkdir(dir, { recursive: true });
    const name = `${kind.toLowerCase()}-${randomUUID()}.${ext}`;
    const tmp = join(dir, `.${name}.partial`);
    await writeFile(tmp, bytes);
    await rename(tmp, join(dir, name));
    return `${orderId}/${name}`;
  }

  absolute(relative: string): string {
    return join(this.root, relative);
  }

  async remove(relative: string): Promise<void> {
    await rm(this.absolute(relative), { force: true });
  }
}
