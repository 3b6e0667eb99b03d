/** Number formats shared by the report pages. */

export function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function usd(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(5)}` : `$${value.toFixed(2)}`;
}

export function ms(value: number | null): string {
  if (value === null) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function pValue(value: number): string {
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

export function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
