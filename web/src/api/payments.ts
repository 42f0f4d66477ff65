import { isApiError } from '@shared/api/client';
import type { PaymentConfig } from '@shared/api/types';
import { api } from './client';

/**
 * Which payment providers the server takes (GET /v2/payments/config), or null when it
 * cannot say: a server older than the endpoint answers 404.
 */
export async function getPaymentConfig(): Promise<PaymentConfig | null> {
  try {
    return await api<PaymentConfig>('/v2/payments/config', { auth: false });
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

/** One query for the whole visit: the configuration changes only with a server restart. */
export const paymentConfigQuery = {
  queryKey: ['paymentConfig'],
  queryFn: getPaymentConfig,
  staleTime: Infinity,
  retry: false,
} as const;
