/**
 * Small formatters for reply text. They emit the neutral inline markup of `reply.ts`
 * (`**bold**`, `` `code` ``, `[label](url)`), which each bot converts to its own.
 */

/** US dollars with enough precision to tell small per-run costs apart (`$0.0042`, `$12.50`). */
export function usd(value: number): string {
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.1) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

/** A 0..1 share as a whole percentage. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(value >= 0.995 || value <= 0.005 ? 0 : 1)}%`;
}

export function milliseconds(value: number): string {
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(1)} s`;
}

/** A duration for ETAs: `45 s`, `3 min`, `1 h 20 min`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `2026-12-04 13:05 UTC`: chat clients show it the same for everyone. */
export function dateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Inline code; backticks inside would end it early, so they become quotes. */
export function code(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

export function bold(text: string): string {
  return `**${text.replaceAll('*', '∗')}**`;
}

/** Shortens text for places with a length limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
