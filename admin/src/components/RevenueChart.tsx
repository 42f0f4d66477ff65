import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../lib/summary';

export function RevenueChart({ data, currency }: { data: SeriesPoint[]; currency: string }) {
  const axis = (v: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
  const exact = (v: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v);
  return (
    <figure className="chart" aria-labelledby="revenue-caption">
      <figcaption id="revenue-caption">Revenue per day</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={axis} width={80} />
          <Tooltip formatter={(v) => exact(Number(v))} />
          <Area type="monotone" dataKey="revenue" name="Revenue" stroke="#1f5eff" fill="#c9d8ff" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
