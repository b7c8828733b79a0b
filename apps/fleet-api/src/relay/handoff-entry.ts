/** One packet of a hand-off stream entry. `key` identifies it for job ids: <entry id>/<position>. */
export interface HandoffPacket {
  key: string;
  droneId: string;
  json: string;
  /** Server receive time, RFC 3339 (formatted once per entry: its packets share it). */
  receivedAt: string;
  sourceIp: string | null;
}

/** One hand-off stream entry: the accepted packets of one ingest request. */
export interface HandoffEntry {
  id: string;
  packets: HandoffPacket[];
}

/**
 * Turns XREADGROUP / XAUTOCLAIM entries ([id, [field, value, ...]]) into HandoffEntry objects. Fields (written
 * by ingest-request.script.ts): t receive time (epoch ms), ip source ip ('' when unknown), d drone ids joined
 * by ',', p packet JSON texts joined by '\n' (JSON text never holds a raw newline).
 */
export function parseHandoffEntries(raw: Array<[string, string[] | null]>): HandoffEntry[] {
  const entries: HandoffEntry[] = [];
  for (const [id, fields] of raw) {
    if (!fields) continue; // deleted while pending
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    const droneIds = (f.d ?? '').split(',');
    const receivedAt = new Date(Number(f.t)).toISOString();
    const sourceIp = f.ip || null;
    const packets = (f.p ?? '').split('\n').map((json, i) => ({ key: `${id}/${i}`, droneId: droneIds[i]!, json, receivedAt, sourceIp }));
    entries.push({ id, packets });
  }
  return entries;
}
