import { api } from './client';
import type { AnalyticsSummary, NotificationDelivery, Page } from '@shared/api/types';

export const getSummary = (from: string, to: string) =>
  api<AnalyticsSummary>('/v2/admin/analytics/summary', { query: { from, to } });

export const listNotifications = (status: string, cursor?: string | null) =>
  api<Page<NotificationDelivery>>('/v2/admin/notifications', { query: { status, cursor, limit: 50 } });
