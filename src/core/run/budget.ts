/** Calendar month a cost counts against, in UTC (`2026-12`). */
export function budgetMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Share of the budget spent at which one alert is sent. */
export const BUDGET_ALERT_SHARE = 0.8;

/** How long a run above the threshold waits for its confirmation. */
export const CONFIRMATION_TTL_MS = 15 * 60 * 1000;

/** Formats dollars for people: whole cents, and four decimals for amounts under a cent. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
