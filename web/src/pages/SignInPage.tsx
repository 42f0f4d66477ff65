import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { useApiForm } from '../lib/useApiForm';
import { validateEmail, type FieldErrors } from '../lib/validation';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(
      () => {
        const errors: FieldErrors = {};
        const emailError = validateEmail(email);
        if (emailError) errors.email = emailError;
        if (!password) errors.password = 'Enter your password.';
        return errors;
      },
      async () => {
        await signIn(email.trim(), password);
        navigate(safeNext(params.get('next')));
      },
    );
  };

  return (
    <div className="auth-page">
      <h1>Sign in</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorMessage error={form.error} />
        <FormField label="Email" name="email" type="email" autoComplete="email" value={email} error={form.errors.email} onChange={(e) => setEmail(e.target.value)} required />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" value={password} error={form.errors.password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>Create an account</Link>
      </p>
    </div>
  );
}
