import type { Redis } from 'ioredis';

/** Extends the lease when this process holds it; takes it again when it is gone (Redis lost it). */
const RENEW = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Which process polls which kit: a short Redis lease per kit (`<prefix>:airspace:kit-lease:<kit id>`, value the
 * owner's id), taken with SET NX PX and renewed by its holder every third of its lifetime. A process that dies
 * stops renewing, and another one takes the kit over when the lease runs out.
 */
export class KitLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  key(kitId: string): string {
    return `${this.prefix}:airspace:kit-lease:${kitId}`;
  }

  /** True when this process now holds the kit's lease. */
  async acquire(kitId: string): Promise<boolean> {
    return (await this.redis.set(this.key(kitId), this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** True while still held; false when another process holds it now. Throws when Redis does not answer. */
  async renew(kitId: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(kitId), this.owner, String(this.ttlMs))) === 1;
  }

  async release(kitId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(kitId), this.owner);
  }

  async holder(kitId: string): Promise<string | null> {
    return this.redis.get(this.key(kitId));
  }
}
