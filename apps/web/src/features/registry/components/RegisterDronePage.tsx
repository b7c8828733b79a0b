import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useRegisterDrone } from '../../../api/registry-hooks';
import { ErrorMessage } from '../../../components/Feedback';
import { buildRegisterDrone, EMPTY_DRONE_FORM, type DroneForm, type DroneFormErrors } from '../utils/drone-form';
import { DroneFormFields } from './DroneFormFields';
import { OneTimeKey } from './OneTimeKey';

/** ADMIN: register a drone in fleet-api's registry; its API key is shown once, then the drone's page opens. */
export function RegisterDronePage() {
  const register = useRegisterDrone();
  const navigate = useNavigate();
  const [form, setForm] = useState<DroneForm>(EMPTY_DRONE_FORM);
  const [errors, setErrors] = useState<DroneFormErrors>({});
  const registered = register.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildRegisterDrone(form);
    setErrors(built.errors);
    if (built.drone) register.mutate(built.drone);
  };

  if (registered) {
    return (
      <div className="narrow">
        <h1>Drone registered</h1>
        <p className="result">
          {registered.drone.drone_id} ({registered.drone.name}) is registered. Until it sends a heartbeat or telemetry its status is{' '}
          <strong>{registered.drone.status}</strong>.
        </p>
        <OneTimeKey
          droneId={registered.drone.drone_id}
          apiKey={registered.api_key}
          context={`Its first key, ${registered.key.prefix}…, works from now on.`}
          onDone={() => {
            const id = registered.drone.drone_id;
            register.reset();
            navigate(`/admin/drones/${encodeURIComponent(id)}`, { replace: true });
          }}
        />
      </div>
    );
  }

  return (
    <div className="narrow">
      <p>
        <Link to="/admin/drones">← Drones</Link>
      </p>
      <h1>Register a drone</h1>
      <form onSubmit={submit} noValidate aria-label="Register a drone">
        <DroneFormFields form={form} errors={errors} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
        {register.error ? <ErrorMessage error={register.error} title="Not registered" /> : null}
        <button type="submit" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register drone'}
        </button>
      </form>
    </div>
  );
}
