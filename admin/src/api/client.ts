import { createApiClient } from '@shared/api/client';
import { session } from '../lib/session';

// The admin panel's calls carry the admin session and nothing else.
export const { api, refreshSession } = createApiClient({ session });
