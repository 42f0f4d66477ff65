import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { useApiForm } from '../lib/useApiForm';
import { validateRegistration } from '../lib/validation';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { safeNext } from './SignInPage';

export function RegisterPage() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(
      () => validateRegistration({ name, email, password }),
      async () => {
        await register(name.trim(), email.trim(), password);
        navigate(safeNext(params.get('next')));
      },
    );
  };

  return (
    <div className="auth-page">
      <h1>Create your account</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorMessage error={form.error} />
        <FormField label="Name" name="name" autoComplete="name" value={name} error={form.errors.name} onChange={(e) => setName(e.target.value)} required />
        <FormField label="Email" name="email" type="email" autoComplete="email" value={email} error={form.errors.email} onChange={(e) => setEmail(e.target.value)} required />
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          value={password}
          error={form.errors.password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}
