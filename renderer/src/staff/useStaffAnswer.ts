import { useCallback, useEffect, useState } from 'react';
import { describeError, staffFetch } from './staff-api.js';

/**
 * A console page's answer from the gateway: read once on mount and again on `load()`. A failure goes to the page's
 * `onError` (which signs out on a lapsed session) and stays as `error`, the words the page shows instead.
 */
export function useStaffAnswer<T>(path: string, onError: (failure: unknown) => void) {
  const [answer, setAnswer] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    staffFetch<T>(path).then(setAnswer, (failure: unknown) => {
      onError(failure);
      setError(describeError(failure));
    });
  }, [path, onError]);
  useEffect(load, [load]);
  return { answer, setAnswer, error, load };
}
