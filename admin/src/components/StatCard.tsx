export function StatCard({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat-card" data-testid={testId}>
      <p className="stat-card__label">{label}</p>
      <p className="stat-card__value">{value}</p>
    </div>
  );
}
