import { isApiError } from '../api/client';

/** Shows what went wrong, in the API's own words when it answered with its error JSON. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = isApiError(error)
    ? error.message
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <div className="alert alert--error" role="alert">
      {title && <strong>{title} </strong>}
      {message}
      {requestId && <small className="alert__ref"> (reference {requestId})</small>}
    </div>
  );
}
