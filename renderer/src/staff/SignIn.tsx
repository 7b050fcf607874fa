import { useState, type FormEvent } from 'react';
import type { StaffSessionAnswer } from '../../../shared/staff.js';
import { describeError, staffFetch, StaffApiError } from './staff-api.js';

/** The gateway's words for a refused sign-in, as the desk should read them (others are shown as the gateway says). */
function signInError(failure: unknown): string {
  if (failure instanceof StaffApiError && failure.code === 'wrong_staff_pin') return 'That PIN is not right.';
  return describeError(failure);
}

/** The PIN pad's form: the gateway sets the session cookie on success. */
export function SignIn({ onSignedIn, locationName }: { onSignedIn: () => void; locationName: string | null }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await staffFetch<StaffSessionAnswer>('/api/staff/session', { method: 'POST', body: { pin } });
      onSignedIn();
    } catch (failure) {
      setError(signInError(failure));
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="staff-signin">
      <form onSubmit={submit} aria-label="Staff sign-in">
        <h1>Staff console</h1>
        {locationName ? <p className="staff-muted">{locationName}</p> : null}
        <label>
          Staff PIN
          <input
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            autoFocus
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || pin.length === 0}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error ? (
          <p className="staff-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="staff-muted staff-small">The PIN is set on the box with FLOORGATE_STAFF_PIN.</p>
      </form>
    </main>
  );
}
