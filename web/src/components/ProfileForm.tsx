import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getMe, updateMe } from '../api/users';
import { useApiForm } from '../lib/useApiForm';
import type { FieldErrors } from '../lib/validation';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

export function ProfileForm() {
  const me = useQuery({ queryKey: ['me'], queryFn: getMe });
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [saved, setSaved] = useState(false);
  const form = useApiForm();

  useEffect(() => {
    if (me.data) {
      setName(me.data.name ?? '');
      setPhone(me.data.phone ?? '');
    }
  }, [me.data]);

  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorMessage error={me.error} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void form.run(
      (): FieldErrors => (name.trim() ? {} : { name: 'Enter your name.' }),
      async () => {
        const user = await updateMe({ name: name.trim(), phone: phone.trim() || null });
        queryClient.setQueryData(['me'], user);
        setSaved(true);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p>
        Email: <strong>{me.data.email}</strong>
      </p>
      <ErrorMessage error={form.error} />
      <FormField label="Name" name="name" autoComplete="name" value={name} error={form.errors.name} onChange={(e) => setName(e.target.value)} />
      <FormField label="Phone" name="phone" type="tel" autoComplete="tel" value={phone} error={form.errors.phone} onChange={(e) => setPhone(e.target.value)} />
      <button type="submit" className="button" disabled={form.busy}>
        Save profile
      </button>
      {saved && (
        <p role="status" className="alert alert--success">
          Saved.
        </p>
      )}
    </form>
  );
}
