import { ApiClientError, type ApiError, type PodDto, type PodMethod } from '@wingxtra/contracts/client';
import type { HttpJsonClient } from '@wingxtra/contracts/client';

/**
 * delivery-service calls DeliveryApiClient does not offer yet (reading a proof back, its image, and photo or
 * signature proofs as multipart), typed with the contracts' DTOs. They belong in DeliveryApiClient; until
 * then they live here, on the same HttpJsonClient.
 */
export class DeliveryExtras {
  constructor(
    private readonly http: HttpJsonClient,
    private readonly fetchFn: typeof fetch,
    private readonly token: string | undefined,
  ) {}

  private auth(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  getPod(orderId: string): Promise<PodDto> {
    return this.http.request('GET', `/api/v1/orders/${encodeURIComponent(orderId)}/pod`, { headers: this.auth() });
  }

  /** PHOTO or SIGNATURE proof: multipart with the image in a part named `file`. */
  async createPodWithImage(orderId: string, method: Extract<PodMethod, 'PHOTO' | 'SIGNATURE'>, image: Blob, fileName: string, notes: string | undefined, idempotencyKey: string): Promise<PodDto> {
    const form = new FormData();
    form.set('method', method);
    if (notes) form.set('notes', notes);
    form.set('file', image, fileName);
    const res = await this.fetchFn(`/api/v1/orders/${encodeURIComponent(orderId)}/pod`, {
      method: 'POST',
      headers: { ...this.auth(), accept: 'application/json', 'idempotency-key': idempotencyKey },
      body: form,
      signal: AbortSignal.timeout(60_000),
    });
    return readJson<PodDto>(res);
  }

  /** The proof's photo or signature as a Blob (the route needs the bearer token, so no plain <img src>). */
  async getPodImage(orderId: string): Promise<Blob> {
    const res = await this.fetchFn(`/api/v1/orders/${encodeURIComponent(orderId)}/pod/file`, { headers: this.auth(), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) await readJson(res);
    return res.blob();
  }
}

async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw new ApiClientError(res.status, json as ApiError | undefined);
  return json as T;
}
