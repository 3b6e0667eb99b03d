import quickchart from 'quickchart-js';
import type { ChartRenderer } from '../core/ports.ts';

// The package's types describe a CommonJS module whose `default` is the class, while its ESM build
// exports the class itself; accept both shapes.
const QuickChart = ((quickchart as unknown as { default?: unknown }).default ??
  quickchart) as typeof quickchart.default;
type QuickChart = InstanceType<typeof QuickChart>;

export interface ChartClientOptions {
  /** `host[:port]` of the chart service: our own HTTP server by default, or a QuickChart. */
  host: string;
  scheme: 'http' | 'https';
  /** Default size of rendered charts. */
  width?: number;
  height?: number;
}

/** Size and background of one chart; the client's defaults fill what is left out. */
export interface ChartLook {
  width?: number;
  height?: number;
  backgroundColor?: string;
}

export interface ChartClient {
  /** The GET URL of a chart (for links and unfurls); built offline. */
  chartUrl(config: object, look?: ChartLook): string;
  /** Renders a chart through the chart service and returns the PNG bytes (for uploads to chat). */
  renderChartPng(config: object, look?: ChartLook): Promise<Buffer>;
}

/** Splits `QUICKCHART_URL` or `PUBLIC_URL` into what quickchart-js wants. */
export function chartClientOptionsFromUrl(url: string): ChartClientOptions {
  const parsed = new URL(url);
  return { host: parsed.host, scheme: parsed.protocol === 'http:' ? 'http' : 'https' };
}

/**
 * A quickchart-js client pointed at our `/chart` endpoint or at a hosted/self-hosted QuickChart.
 * Configs are sent as JSON text: quickchart-js would otherwise serialise them as JavaScript, which
 * our endpoint refuses. Version 4 is asked for because QuickChart defaults to Chart.js 2.
 */
export function createChartClient(options: ChartClientOptions): ChartClient {
  function build(config: object, look: ChartLook = {}): QuickChart {
    return new QuickChart()
      .setHost(options.host)
      .setScheme(options.scheme)
      .setVersion('4')
      .setConfig(JSON.stringify(config))
      .setWidth(look.width ?? options.width ?? 800)
      .setHeight(look.height ?? options.height ?? 450)
      .setBackgroundColor(look.backgroundColor ?? '#ffffff')
      .setDevicePixelRatio(1)
      .setFormat('png');
  }
  return {
    chartUrl: (config, look) => build(config, look).getUrl(),
    renderChartPng: (config, look) => build(config, look).toBinary(),
  };
}

/**
 * A ChartRenderer that draws through a chart service instead of in this process: used for the
 * charts posted to chat when `QUICKCHART_URL` names a hosted or self-hosted QuickChart.
 */
export function createQuickChartRenderer(options: ChartClientOptions): ChartRenderer {
  const client = createChartClient(options);
  return { render: (config, look) => client.renderChartPng(config, look) };
}
