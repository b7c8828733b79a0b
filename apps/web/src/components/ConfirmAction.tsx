import { useState, type ReactNode } from 'react';

interface ConfirmActionProps {
  /** The button that asks first. */
  label: string;
  /** What will happen, in words, shown before the person confirms. */
  question: ReactNode;
  /** The confirming button's words (say the action again: "Deactivate WX-DRN-001"). */
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  disabled?: boolean;
  onConfirm(): void;
}

/**
 * A button that asks before it acts, inline (no modal: it works the same on a phone and with the keyboard).
 * The question stays until the person confirms or cancels.
 */
export function ConfirmAction({ label, question, confirmLabel, busy = false, danger = false, disabled = false, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger' : 'secondary'} disabled={disabled || busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <div className="row">
        <button type="button" className={danger ? 'danger' : undefined} disabled={busy} onClick={() => { onConfirm(); setAsking(false); }}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
