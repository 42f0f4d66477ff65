import { describe, expect, it } from 'vitest';
import { chartSeries, formatRate, rangeEndingNow } from './summary';

describe('dashboard figures', () => {
  it('sorts the series by date and plots revenue in major units', () => {
    const points = chartSeries([
      { date: '2026-03-02', orders: 3, revenue: { amount: 4599, currency: 'USD' } },
      { date: '2026-03-01', orders: 1, revenue: { amount: 1000, currency: 'USD' } },
    ]);
    expect(points.map((p) => p.date)).toEqual(['2026-03-01', '2026-03-02']);
    expect(points[1]).toMatchObject({ orders: 3, revenue: 45.99, label: 'Mar 2' });
  });

  it('copes with a missing series', () => {
    expect(chartSeries(undefined)).toEqual([]);
  });

  it('shows rates as percentages', () => {
    expect(formatRate(0.423)).toBe('42.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });

  it('asks for the last N days in RFC 3339', () => {
    const r = rangeEndingNow(30, new Date('2026-04-01T12:00:00.123Z'));
    expect(r).toEqual({ from: '2026-03-02T12:00:00Z', to: '2026-04-01T12:00:00Z' });
  });
});
