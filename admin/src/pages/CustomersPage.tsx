import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { searchUsers, updateUser } from '../api/users';
import type { AdminUser } from '@shared/api/types';
import { useSession } from '../auth/useAdminAuth';
import { useCursorPages } from '../lib/useCursorPages';
import { Pager } from '../components/Pager';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

function CustomerRow({ user, isMe }: { user: AdminUser; isMe: boolean }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: { role?: 'customer' | 'admin'; disabled?: boolean }) => updateUser(user.id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <tr data-testid="customer-row">
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={isMe || update.isPending}
          onChange={(e) => {
            const role = e.target.value as 'customer' | 'admin';
            if (window.confirm(`Make ${user.email} ${role === 'admin' ? 'an admin' : 'a customer'}?`)) update.mutate({ role });
          }}
        >
          <option value="customer">customer</option>
          <option value="admin">admin</option>
        </select>
      </td>
      <td>{user.disabled ? <span className="status status--cancelled">disabled</span> : <span className="status status--paid">active</span>}</td>
      <td>
        <button
          type="button"
          className="button button--small"
          disabled={isMe || update.isPending}
          onClick={() => {
            const disabled = !user.disabled;
            if (window.confirm(`${disabled ? 'Disable' : 'Enable'} ${user.email}?${disabled ? ' They are signed out and cannot sign in.' : ''}`)) update.mutate({ disabled });
          }}
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
        <ErrorMessage error={update.error} />
      </td>
    </tr>
  );
}

export function CustomersPage() {
  const session = useSession();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const pages = useCursorPages();
  const users = useQuery({
    queryKey: ['users', q, pages.cursor],
    queryFn: () => searchUsers(q, pages.cursor),
    placeholderData: keepPreviousData,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
    pages.reset();
  };
  return (
    <div>
      <h1>Customers</h1>
      <form className="toolbar" onSubmit={submit} role="search">
        <label>
          Search <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name or email" />
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {users.isPending ? (
        <Loading />
      ) : users.error ? (
        <ErrorMessage error={users.error} />
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Account</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <CustomerRow key={u.id} user={u} isMe={u.id === session?.user.id} />
              ))}
            </tbody>
          </table>
          {users.data.items.length === 0 && <p className="empty">No one matches.</p>}
          <Pager page={pages.page} total={users.data.total} hasNext={!!users.data.nextCursor} onPrev={pages.prev} onNext={() => pages.next(users.data.nextCursor)} />
        </>
      )}
    </div>
  );
}
