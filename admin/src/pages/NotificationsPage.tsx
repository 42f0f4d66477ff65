import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listNotifications } from '../api/reports';
import { isApiError } from '@shared/api/client';
import { useCursorPages } from '../lib/useCursorPages';
import { Pager } from '../components/Pager';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

const STATUSES = ['', 'queued', 'sent', 'failed'];

export function NotificationsPage() {
  const [status, setStatus] = useState('');
  const pages = useCursorPages();
  const log = useQuery({
    queryKey: ['notifications', status, pages.cursor],
    queryFn: () => listNotifications(status, pages.cursor),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <div>
      <h1>Notification log</h1>
      <div className="toolbar">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              pages.reset();
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s || 'All'}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        isApiError(log.error) && [404, 501, 503].includes(log.error.status) ? (
          <p className="alert" role="status">
            The notification service is not available on this server yet.
          </p>
        ) : (
          <ErrorMessage error={log.error} />
        )
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Channel</th>
                <th scope="col">Template</th>
                <th scope="col">Subject</th>
                <th scope="col">Recipient</th>
                <th scope="col">Status</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((n) => (
                <tr key={n.id}>
                  <td>{new Date(n.createdAt).toLocaleString()}</td>
                  <td>{n.channel}</td>
                  <td>{n.template}</td>
                  <td>{n.subject}</td>
                  <td>{n.recipient ?? n.to ?? n.userId ?? ''}</td>
                  <td>
                    <span className={`status status--${n.status}`}>{n.status}</span>
                    {n.error && <small className="text-danger"> {n.error}</small>}
                  </td>
                  <td>{n.sentAt ? new Date(n.sentAt).toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.data.items.length === 0 && <p className="empty">No notifications.</p>}
          <Pager page={pages.page} total={log.data.total} hasNext={!!log.data.nextCursor} onPrev={pages.prev} onNext={() => pages.next(log.data.nextCursor)} />
        </>
      )}
    </div>
  );
}
