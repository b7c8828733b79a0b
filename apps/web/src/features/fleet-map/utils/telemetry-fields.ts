import type { TelemetryPacket } from '@wingxtra/contracts/client';
import { fmtNumber, NONE } from '../../../utils/format';

/** Every telemetry field a drone can report, as [label, value] rows for the detail panel (unreported ones shown as —). */
export function telemetryRows(t: TelemetryPacket | undefined): Array<[string, string]> {
  const v2 = t?.schema_version === 2 ? t : undefined;
  const bool = (b: boolean | null | undefined) => (b === null || b === undefined ? NONE : b ? 'yes' : 'no');
  return [
    ['Packet time', t?.ts ?? NONE],
    ['Schema', t ? `v${t.schema_version}` : NONE],
    ['Latitude', fmtNumber(t?.position?.lat, 6)],
    ['Longitude', fmtNumber(t?.position?.lon, 6)],
    ['Altitude', fmtNumber(t?.position?.alt_m, 1, 'm')],
    ['Heading', fmtNumber(t?.attitude?.yaw_deg, 0, '°')],
    ['Roll', fmtNumber(v2?.attitude?.roll_deg, 1, '°')],
    ['Pitch', fmtNumber(v2?.attitude?.pitch_deg, 1, '°')],
    ['Ground speed', fmtNumber(t?.velocity?.groundspeed_mps, 1, 'm/s')],
    ['Vertical speed', fmtNumber(v2?.velocity?.vz_mps, 1, 'm/s')],
    ['Armed', bool(t?.state?.armed)],
    ['Mode', t?.state?.mode ?? NONE],
    ['Battery', fmtNumber(t?.battery?.remaining_pct, 0, '%')],
    ['Voltage', fmtNumber(t?.battery?.voltage_v, 2, 'V')],
    ['Link RSSI', fmtNumber(t?.link?.rssi_dbm, 0, 'dBm')],
    ['Current', fmtNumber(v2?.power?.current_a, 1, 'A')],
    ['Drawn', fmtNumber(v2?.power?.mah_drawn, 0, 'mAh')],
    ['Throttle', v2?.power?.throttle === null || v2?.power?.throttle === undefined ? NONE : `${Math.round(v2.power.throttle * 100)} %`],
  ];
}
