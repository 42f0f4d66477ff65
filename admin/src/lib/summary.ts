import type { AnalyticsSummary, Money } from '@shared/api/types';
import { minorUnitDigits } from '@shared/lib/money';

export interface SeriesPoint {
  date: string;
  label: string;
  orders: number;
  /** Major units (for the chart's axis); the tooltip formats it back as money. */
  revenue: number;
}

/** The summary's daily series, sorted, with revenue in major units for plotting. */
export function chartSeries(series: AnalyticsSummary['series'] | undefined): SeriesPoint[] {
  return [...(series ?? [])]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((p) => ({
      date: p.date,
      label: shortDate(p.date),
      orders: p.orders,
      revenue: p.revenue ? p.revenue.amount / 10 ** minorUnitDigits(p.revenue.currency) : 0,
    }));
}

export function shortDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A rate as a percentage; rates arrive as fractions (0.42), tolerated as percentages (42). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const pct = rate <= 1 ? rate * 100 : rate;
  return `${pct.toFixed(1)}%`;
}

export function ratePercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return 0;
  return rate <= 1 ? rate * 100 : rate;
}

/** The last `days` days up to now, as the RFC 3339 from/to the summary takes. */
export function rangeEndingNow(days: number, now = new Date()): { from: string; to: string } {
  const from = new Date(now.getTime() - days * 86_400_000);
  return { from: from.toISOString().replace(/\.\d{3}Z$/, 'Z'), to: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export function currencyOf(summary: AnalyticsSummary): string {
  return (summary.revenue as Money | undefined)?.currency ?? 'USD';
}
