import shared from './point-labels.cjs';

/** Shortens a label for an axis, keeping the beginning and end of long model ids (shared with the report page). */
export const { shortLabel } = shared;

/**
 * Okabe–Ito: eight colours told apart under the common kinds of colour blindness.
 * Black comes last: it is kept for error bars and text.
 */
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'];

/** Point shapes cycled with the palette, so series differ by more than colour alone. */
export const POINT_STYLES = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'];

export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** Colour of the i-th series; wraps around after eight series. */
export function seriesColour(index: number): string {
  return PALETTE[index % (PALETTE.length - 1)] ?? '#000000';
}

export function seriesPointStyle(index: number): string {
  return POINT_STYLES[index % POINT_STYLES.length] ?? 'circle';
}

/** `#RRGGBB` with an alpha channel, for fills that must let gridlines show through. */
export function withAlpha(hex: string, alpha: number): string {
  const byte = Math.round(Math.min(1, Math.max(0, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${byte}`;
}
