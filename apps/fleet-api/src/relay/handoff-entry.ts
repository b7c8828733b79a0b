/** One entry of the hand-off stream, as the relay reads it. */
export interface HandoffEntry {
  id: string;
  droneId: string;
  receivedAtMs: number;
  sourceIp: string | null;
  packetJson: string;
}

/** Turns XREADGROUP / XAUTOCLAIM entries ([id, [field, value, ...]]) into HandoffEntry objects. */
export function parseHandoffEntries(raw: Array<[string, string[]]>): HandoffEntry[] {
  const entries: HandoffEntry[] = [];
  for (const [id, fields] of raw) {
    if (!fields) continue; // deleted while pending
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    entries.push({ id, droneId: f.d ?? '', receivedAtMs: Number(f.t), sourceIp: f.ip || null, packetJson: f.p ?? '' });
  }
  return entries;
}
