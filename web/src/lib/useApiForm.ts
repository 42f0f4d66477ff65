import { useState } from 'react';
import { isApiError } from '@shared/api/client';
import { fieldOf, type FieldErrors } from './validation';

/** Submitting state plus errors: our own checks first, then the API's error JSON (its field highlighted). */
export function useApiForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(check: () => FieldErrors, action: () => Promise<void>) {
    const found = check();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) {
      document.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e);
      const field = isApiError(e) ? fieldOf(e.field) : undefined;
      if (field && isApiError(e)) setErrors({ [field]: e.message });
    } finally {
      setBusy(false);
    }
  }

  return { errors, error, busy, run };
}
