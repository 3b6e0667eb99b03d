import { AppError } from '../core/errors.ts';

/** Limits on what a chart request may ask for; a config past them is refused before drawing. */
export const CHART_LIMITS = {
  maxConfigBytes: 100 * 1024,
  maxDatasets: 50,
  maxPoints: 10_000,
  minSize: 100,
  maxSize: 2000,
  maxDepth: 32,
} as const;

/** Chart types the renderer registers. */
export const CHART_TYPES = ['bar', 'line', 'scatter', 'pie', 'doughnut'] as const;

/** A chart request refused for its content; the message says what to change. */
export class ChartRequestError extends AppError {
  constructor(message: string) {
    super('invalid_chart', message);
    this.name = 'ChartRequestError';
  }
}

export interface ChartRequest {
  config: Record<string, unknown>;
  width: number;
  height: number;
  backgroundColor: string;
}

// Keys that reach object prototypes when merged: Chart.js skips them too, we refuse them outright.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTree(value: unknown, depth: number): void {
  if (depth > CHART_LIMITS.maxDepth)
    throw new ChartRequestError(`Chart config is nested deeper than ${CHART_LIMITS.maxDepth} levels.`);
  if (Array.isArray(value)) {
    for (const item of value) checkTree(item, depth + 1);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new ChartRequestError(`Chart config may not contain the key "${key}".`);
      checkTree(item, depth + 1);
    }
  }
}

/**
 * Parses and checks a chart config given as JSON text or as an already parsed object.
 * QuickChart also accepts JavaScript (functions, unquoted keys); we never evaluate code, so only
 * JSON is accepted.
 */
export function parseChartConfig(input: unknown): Record<string, unknown> {
  let text: string;
  let parsed: unknown;
  if (typeof input === 'string') {
    text = input;
    if (Buffer.byteLength(text) > CHART_LIMITS.maxConfigBytes) throw tooLarge();
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ChartRequestError(
        'Chart config must be JSON. JavaScript configs (functions, unquoted keys, single quotes) are not accepted.',
      );
    }
  } else if (isRecord(input)) {
    text = JSON.stringify(input);
    if (Buffer.byteLength(text) > CHART_LIMITS.maxConfigBytes) throw tooLarge();
    parsed = input;
  } else {
    throw new ChartRequestError('Chart config is missing: pass it as `c` (GET) or `chart` (POST).');
  }
  if (!isRecord(parsed)) throw new ChartRequestError('Chart config must be a JSON object.');
  checkTree(parsed, 0);
  const type = parsed.type;
  if (typeof type !== 'string' || !(CHART_TYPES as readonly string[]).includes(type)) {
    throw new ChartRequestError(`Chart type must be one of ${CHART_TYPES.join(', ')}.`);
  }
  if ('plugins' in parsed) throw new ChartRequestError('Chart config may not define inline plugins.');
  const data = parsed.data;
  if (!isRecord(data) || !Array.isArray(data.datasets)) {
    throw new ChartRequestError('Chart config needs `data.datasets` (an array).');
  }
  if (data.datasets.length > CHART_LIMITS.maxDatasets) {
    throw new ChartRequestError(
      `Chart has ${data.datasets.length} datasets; the limit is ${CHART_LIMITS.maxDatasets}.`,
    );
  }
  let points = Array.isArray(data.labels) ? data.labels.length : 0;
  for (const [index, dataset] of data.datasets.entries()) {
    if (!isRecord(dataset) || !Array.isArray(dataset.data)) {
      throw new ChartRequestError(`Dataset ${index + 1} needs \`data\` (an array).`);
    }
    points += dataset.data.length;
  }
  if (points > CHART_LIMITS.maxPoints) {
    throw new ChartRequestError(`Chart has ${points} points and labels; the limit is ${CHART_LIMITS.maxPoints}.`);
  }
  return parsed;
}

function tooLarge(): ChartRequestError {
  return new ChartRequestError(`Chart config is larger than ${CHART_LIMITS.maxConfigBytes / 1024} KB.`);
}

/** A width or height in pixels, within the limits; `fallback` when not given. */
export function parseDimension(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < CHART_LIMITS.minSize || number > CHART_LIMITS.maxSize) {
    throw new ChartRequestError(
      `${name} must be a whole number of pixels from ${CHART_LIMITS.minSize} to ${CHART_LIMITS.maxSize}.`,
    );
  }
  return number;
}

// Colour names, #hex and rgb()/hsl() forms; nothing that could smuggle other syntax.
const COLOUR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]{1,40}\))$/;

/** A CSS colour for the background; white when not given. */
export function parseBackground(value: unknown): string {
  if (value === undefined || value === null || value === '') return '#ffffff';
  if (typeof value !== 'string' || !COLOUR.test(value)) {
    throw new ChartRequestError('Background colour must be a CSS colour such as `white`, `#ffffff` or `rgb(0,0,0)`.');
  }
  return value;
}

/** Only PNG is drawn; QuickChart's other formats are refused by name. */
export function checkFormat(value: unknown): void {
  if (value === undefined || value === null || value === '' || value === 'png') return;
  throw new ChartRequestError('Only the `png` format is supported.');
}
