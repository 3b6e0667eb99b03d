import type { Plugin } from 'chart.js';

/** Shortens a label to `max` characters (default 24), keeping its beginning and end. */
export function shortLabel(label: string, max?: number): string;
/** The Chart.js plugin that writes each scatter point's dataset label beside it. */
export function pointLabelsPlugin(fontFamily: string): Plugin;
