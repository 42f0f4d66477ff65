import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createAddress, deleteAddress, listAddresses, updateAddress } from '../api/users';
import type { Address } from '@shared/api/types';
import { useApiForm } from '../lib/useApiForm';
import { emptyAddress, toAddressBody, validateAddress, type AddressInput } from '../lib/validation';
import { AddressFields } from './AddressFields';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

function toInput(a: Address): AddressInput {
  return {
    name: a.name,
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode ?? '',
    country: a.country,
    phone: a.phone ?? '',
  };
}

function AddressEditor({ initial, onDone }: { initial: Address | null; onDone: () => void }) {
  const [value, setValue] = useState<AddressInput>(initial ? toInput(initial) : emptyAddress);
  const queryClient = useQueryClient();
  const form = useApiForm();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(
      () => validateAddress(value),
      async () => {
        if (initial?.id) await updateAddress(initial.id, toAddressBody(value));
        else await createAddress(toAddressBody(value));
        await queryClient.invalidateQueries({ queryKey: ['addresses'] });
        onDone();
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="stack address-editor">
      <ErrorMessage error={form.error} />
      <AddressFields idPrefix={initial?.id ?? 'new-address'} value={value} onChange={setValue} errors={form.errors} />
      <div className="row">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          Save address
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AddressBook() {
  const addresses = useQuery({ queryKey: ['addresses'], queryFn: listAddresses });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  const remove = async (a: Address) => {
    if (!window.confirm(`Delete the address “${a.line1}”?`)) return;
    try {
      await deleteAddress(a.id!);
      setDeleteError(null);
      await queryClient.invalidateQueries({ queryKey: ['addresses'] });
    } catch (e) {
      setDeleteError(e);
    }
  };

  return (
    <section aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">Addresses</h2>
      {addresses.isPending ? (
        <Loading />
      ) : addresses.error ? (
        <ErrorMessage error={addresses.error} />
      ) : (
        <ul className="address-list">
          {addresses.data.items.map((a) => (
            <li key={a.id}>
              <address>
                {a.name}, {a.line1}
                {a.line2 ? `, ${a.line2}` : ''}, {a.city} {a.postalCode ?? ''}, {a.country}
              </address>
              <button type="button" className="link-button" onClick={() => setEditing(a)}>
                Edit
              </button>
              <button type="button" className="link-button" onClick={() => void remove(a)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={deleteError} />
      {editing ? (
        <AddressEditor initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          Add an address
        </button>
      )}
    </section>
  );
}
