import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getSummary } from '../api/reports';
import { isApiError } from '@shared/api/client';
import { chartSeries, currencyOf, formatRate, rangeEndingNow } from '../lib/summary';
import { formatMoney } from '@shared/lib/money';
import { StatCard } from '../components/StatCard';
import { RevenueChart } from '../components/RevenueChart';
import { OrdersChart } from '../components/OrdersChart';
import { RatesChart } from '../components/RatesChart';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

const RANGES = [7, 30, 90];

function AnalyticsUnavailable({ status }: { status: number }) {
  return (
    <div className="alert" role="status" data-testid="analytics-unavailable">
      <strong>Analytics is not available {status === 404 ? 'on this server yet' : 'right now'}.</strong> The rest
      of the panel works as usual; figures appear here once the analytics service answers.
    </div>
  );
}

export function DashboardPage() {
  const [days, setDays] = useState(30);
  const { data, error, isPending } = useQuery({
    queryKey: ['summary', days],
    queryFn: () => {
      const { from, to } = rangeEndingNow(days);
      return getSummary(from, to);
    },
    retry: false,
  });

  return (
    <div className="dashboard">
      <div className="page-head">
        <h1>Dashboard</h1>
        <label>
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {isPending ? (
        <Loading />
      ) : error ? (
        isApiError(error) && [404, 501, 503].includes(error.status) ? (
          <AnalyticsUnavailable status={error.status} />
        ) : (
          <ErrorMessage error={error} />
        )
      ) : (
        <>
          <div className="stats">
            <StatCard label="Revenue" value={formatMoney(data.revenue)} testId="stat-revenue" />
            <StatCard label="Orders" value={String(data.orders)} testId="stat-orders" />
            <StatCard label="Average order" value={formatMoney(data.averageOrderValue)} />
            <StatCard label="Active users" value={String(data.activeUsers)} />
            <StatCard label="Order completion" value={formatRate(data.orderCompletionRate)} />
            <StatCard label="Payment success" value={formatRate(data.paymentSuccessRate)} />
            <StatCard label="Cart abandonment" value={formatRate(data.cartAbandonmentRate)} />
          </div>
          <div className="charts">
            <RevenueChart data={chartSeries(data.series)} currency={currencyOf(data)} />
            <OrdersChart data={chartSeries(data.series)} />
            <RatesChart summary={data} />
          </div>
          <section aria-labelledby="top-heading">
            <h2 id="top-heading">Top products</h2>
            {data.topProducts?.length ? (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col">Units</th>
                    <th scope="col">Revenue</th>
                  </tr>
                </thead>
                <tbody>
                  {data.topProducts.map((p) => (
                    <tr key={p.productId}>
                      <td>{p.name}</td>
                      <td>{p.units}</td>
                      <td>{formatMoney(p.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="empty">No sales in this period.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
