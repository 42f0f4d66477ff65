import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { resetPassword } from '../api/auth';
import { useApiForm } from '../lib/useApiForm';
import { validatePassword, type FieldErrors } from '../lib/validation';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const form = useApiForm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(
      () => {
        const errors: FieldErrors = {};
        const p = validatePassword(password);
        if (p) errors.password = p;
        else if (password !== confirm) errors.confirm = 'The two passwords differ.';
        return errors;
      },
      async () => {
        await resetPassword(token, password);
        setDone(true);
      },
    );
  };

  if (!token) {
    return (
      <div className="auth-page">
        <h1>Reset your password</h1>
        <p>This page needs the link from the reset email. <Link to="/forgot-password">Request a new link</Link>.</p>
      </div>
    );
  }
  if (done) {
    return (
      <div className="auth-page">
        <h1>Password changed</h1>
        <p role="status">You can now sign in with your new password. Other devices were signed out.</p>
        <Link to="/signin" className="button button--primary">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="auth-page">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorMessage error={form.error} />
        <FormField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 8 characters." value={password} error={form.errors.password} onChange={(e) => setPassword(e.target.value)} required />
        <FormField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" value={confirm} error={form.errors.confirm} onChange={(e) => setConfirm(e.target.value)} required />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          Change password
        </button>
      </form>
      {form.error != null && (
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      )}
    </div>
  );
}
