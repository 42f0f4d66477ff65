import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { forgotPassword } from '../api/auth';
import { useApiForm } from '../lib/useApiForm';
import { validateEmail, type FieldErrors } from '../lib/validation';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useApiForm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(
      (): FieldErrors => {
        const err = validateEmail(email);
        return err ? { email: err } : {};
      },
      async () => {
        await forgotPassword(email.trim());
        setSent(true);
      },
    );
  };

  if (sent) {
    return (
      <div className="auth-page">
        <h1>Check your email</h1>
        <p role="status">If an account exists for {email.trim()}, we sent a link to reset its password. The link expires soon.</p>
        <Link to="/signin">Back to sign in</Link>
      </div>
    );
  }
  return (
    <div className="auth-page">
      <h1>Reset your password</h1>
      <p>Enter your email and we will send you a link to choose a new password.</p>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorMessage error={form.error} />
        <FormField label="Email" name="email" type="email" autoComplete="email" value={email} error={form.errors.email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          Send reset link
        </button>
      </form>
    </div>
  );
}
