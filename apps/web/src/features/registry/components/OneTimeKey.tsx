import { useId } from 'react';
import { CopyButton } from '../../../components/CopyButton';

interface OneTimeKeyProps {
  droneId: string;
  apiKey: string;
  /** Why there is a key: a registration or a rotation (with when the replaced keys stop). */
  context: string;
  /** The person has stored the key: the caller forgets it. */
  onDone(): void;
}

/**
 * A drone's API key, shown this once: fleet-api keeps only its hash, so nobody can show it again. The key is
 * held by the caller in memory only (never stored, never in the address); "I have stored the key" drops it.
 */
export function OneTimeKey({ droneId, apiKey, context, onDone }: OneTimeKeyProps) {
  const id = useId();
  return (
    <section className="one-time-key" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API key of {droneId}</h2>
      <p>{context}</p>
      <p className="warning" role="alert">
        This key is shown only now and will not be shown again. Copy it to the drone's companion computer (it sends it as
        X-API-Key). If it is lost, rotate the key to issue a new one.
      </p>
      <label htmlFor={`${id}-key`}>Key</label>
      <div className="key-row">
        <input id={`${id}-key`} className="api-key" value={apiKey} readOnly spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={apiKey} label="Copy key" />
      </div>
      <button type="button" onClick={onDone}>
        I have stored the key
      </button>
    </section>
  );
}
