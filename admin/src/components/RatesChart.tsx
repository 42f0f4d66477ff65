import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { AnalyticsSummary } from '@shared/api/types';
import { formatRate, ratePercent } from '../lib/summary';

/** Order completion, payment success and cart abandonment, as bars out of 100%. */
export function RatesChart({ summary }: { summary: AnalyticsSummary }) {
  const data = [
    { name: 'Order completion', value: ratePercent(summary.orderCompletionRate), text: formatRate(summary.orderCompletionRate), color: '#067647' },
    { name: 'Payment success', value: ratePercent(summary.paymentSuccessRate), text: formatRate(summary.paymentSuccessRate), color: '#1f5eff' },
    { name: 'Cart abandonment', value: ratePercent(summary.cartAbandonmentRate), text: formatRate(summary.cartAbandonmentRate), color: '#b54708' },
  ];
  return (
    <figure className="chart" aria-labelledby="rates-caption">
      <figcaption id="rates-caption">Rates</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 0, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={130} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.color} />
            ))}
            <LabelList dataKey="text" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <ul className="visually-hidden">
        {data.map((d) => (
          <li key={d.name}>
            {d.name}: {d.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
