import { useQuery } from '@tanstack/react-query';
import { TELEMETRY_V1 } from '@wingxtra/contracts/client';
import { useClients } from '../../../api/ApiProvider';
import { queryKeys } from '../../../api/query-keys';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

/** The drone id's problem, or null (analytics-worker refuses ids outside the telemetry pattern). */
export function droneIdProblem(id: string): string | null {
  if (id === '') return 'Enter a drone id';
  return DRONE_ID.test(id) ? null : 'A drone id is 3 to 64 characters of A-Z, 0-9, - or _';
}

/** A drone id field suggesting the drones fleet-api knows. */
export function DroneIdInput({ id, value, onChange }: { id: string; value: string; onChange(v: string): void }) {
  const { fleet } = useClients();
  const known = useQuery({ queryKey: queryKeys.fleetLatest(), queryFn: () => fleet.getLatest(), staleTime: 30_000 });
  return (
    <>
      <input id={id} value={value} list={`${id}-list`} onChange={(e) => onChange(e.target.value.toUpperCase())} placeholder="WX-DRN-001" autoComplete="off" />
      <datalist id={`${id}-list`}>
        {(known.data?.drones ?? []).slice(0, 500).map((d) => (
          <option key={d.drone_id} value={d.drone_id} />
        ))}
      </datalist>
    </>
  );
}
