import type { AirspaceKitDto, KitStatus } from '@wingxtra/contracts/client';

export const KIT_STATUS_LABELS: Record<KitStatus, string> = {
  unknown: 'Unknown',
  online: 'Online',
  offline: 'Offline',
  stale: 'Stale',
  error: 'Error',
};

/** What each status means for the person watching (architecture.md, "Kit health"). */
export const KIT_STATUS_MEANING: Record<KitStatus, string> = {
  unknown: 'not polled yet',
  online: 'answering, with recent data',
  offline: 'not reachable (refused or timed out)',
  stale: 'answering, but nothing detected or reported lately',
  error: 'answering wrongly (an HTTP error or an unreadable body)',
};

/** "5 s", "2 min 30 s": the wait before the next poll round. */
export function fmtBackoff(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Kits that need looking at first (error, offline, stale), then unknown, then online; by name within each. */
export function orderKits(kits: readonly AirspaceKitDto[]): AirspaceKitDto[] {
  const rank: Record<KitStatus, number> = { error: 0, offline: 1, stale: 2, unknown: 3, online: 4 };
  return [...kits].sort((a, b) => Number(b.enabled) - Number(a.enabled) || rank[a.status] - rank[b.status] || a.name.localeCompare(b.name));
}
