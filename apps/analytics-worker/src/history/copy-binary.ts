/**
 * A writer of PostgreSQL's binary COPY format
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"). Binary COPY spares both sides the
 * text conversions of the text format (numbers to and from decimal text, RFC 3339 to timestamps), which were
 * a large part of the cost of storing history. Each value must be written in its column's exact type.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01T00:00:00Z). */
const PG_EPOCH_US = 946_684_800_000_000;
const TWO_32 = 4_294_967_296;

/**
 * An RFC 3339 time as microseconds since the Unix epoch, keeping the digits below the millisecond that
 * Date.parse drops (PostgreSQL rounds to the column's precision on receipt); NaN when it is not a time.
 */
export function rfc3339ToMicros(s: string): number {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return NaN;
  const dot = s.indexOf('.', 17);
  if (dot < 0) return ms * 1000;
  let extra = 0;
  let scale = 100;
  // Digits 4 to 6 after the point are microseconds; the 7th rounds them, as PostgreSQL's own parser does.
  for (let i = dot + 4; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    if (scale < 1) {
      if (d >= 5) extra += 1;
      break;
    }
    extra += d * scale;
    scale /= 10;
  }
  return ms * 1000 + extra;
}

export class BinaryCopyWriter {
  private buf: Buffer;
  private at = 0;

  constructor(capacity = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(capacity, 64));
    this.at = SIGNATURE.copy(this.buf, 0);
    this.buf.writeInt32BE(0, this.at); // flags
    this.buf.writeInt32BE(0, this.at + 4); // header extension length
    this.at += 8;
  }

  /** Starts a row of `fields` values that take at most `maxBytes` (values and their length words). */
  row(fields: number, maxBytes: number): void {
    this.reserve(2 + maxBytes);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  null(): void {
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  /** Text; reserve 4 + 3 bytes per UTF-16 unit for it in row(). */
  text(v: string | null): void {
    if (v === null) return this.null();
    const len = this.buf.write(v, this.at + 4, 'utf8');
    this.buf.writeInt32BE(len, this.at);
    this.at += 4 + len;
  }

  /** timestamptz from an RFC 3339 time. */
  timestamptz(v: string): void {
    const us = rfc3339ToMicros(v);
    if (Number.isNaN(us)) throw new RangeError(`not an RFC 3339 time: ${v}`);
    this.buf.writeInt32BE(8, this.at);
    this.int64At(us - PG_EPOCH_US, this.at + 4);
    this.at += 12;
  }

  int2(v: number | null): void {
    if (v === null) return this.null();
    this.buf.writeInt32BE(2, this.at);
    this.buf.writeInt16BE(v, this.at + 4);
    this.at += 6;
  }

  /** int8 from a number that is a safe integer (|v| < 2^53). */
  int8(v: number | null): void {
    if (v === null) return this.null();
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${v}`);
    this.buf.writeInt32BE(8, this.at);
    this.int64At(v, this.at + 4);
    this.at += 12;
  }

  float4(v: number | null): void {
    if (v === null) return this.null();
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeFloatBE(v, this.at + 4);
    this.at += 8;
  }

  float8(v: number | null): void {
    if (v === null) return this.null();
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeDoubleBE(v, this.at + 4);
    this.at += 12;
  }

  bool(v: boolean | null): void {
    if (v === null) return this.null();
    this.buf.writeInt32BE(1, this.at);
    this.buf[this.at + 4] = v ? 1 : 0;
    this.at += 5;
  }

  /** The payload, trailer included; the writer must not be used after. */
  finish(): Buffer {
    this.reserve(2);
    this.buf.writeInt16BE(-1, this.at);
    return this.buf.subarray(0, this.at + 2);
  }

  /** A 64-bit big-endian integer from a double that holds it exactly, without a BigInt. */
  private int64At(v: number, at: number): void {
    const high = Math.floor(v / TWO_32);
    this.buf.writeInt32BE(high, at);
    this.buf.writeUInt32BE(v - high * TWO_32, at + 4);
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }
}
