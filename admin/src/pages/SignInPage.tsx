import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAdminAuth } from '../auth/useAdminAuth';
import { isApiError } from '@shared/api/client';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { user, signIn } = useAdminAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (user?.role === 'admin') return <Navigate to="/" replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(new Error('Enter your email and password.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => (isApiError(error) && error.field === f ? error.message : undefined);
  return (
    <main id="main" className="signin">
      <h1>UltraMarket Admin</h1>
      <p>Staff sign-in</p>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorMessage error={error} />
        <FormField label="Email" name="email" type="email" autoComplete="username" value={email} error={fieldError('email')} onChange={(e) => setEmail(e.target.value)} required />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" value={password} error={fieldError('password')} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
