import quickchart from 'quickchart-js';

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

export interface ChartClient {
  /** The GET URL of a chart (for links and unfurls); built offline. */
  chartUrl(config: object, size?: { width?: number; height?: number }): string;
  /** Renders a chart through the chart service and returns the PNG bytes (for uploads to chat). */
  renderChartPng(config: object, size?: { width?: number; height?: number }): Promise<Buffer>;
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
  function build(config: object, size: { width?: number; height?: number } = {}): QuickChart {
    return new QuickChart()
      .setHost(options.host)
      .setScheme(options.scheme)
      .setVersion('4')
      .setConfig(JSON.stringify(config))
      .setWidth(size.width ?? options.width ?? 800)
      .setHeight(size.height ?? options.height ?? 450)
      .setBackgroundColor('#ffffff')
      .setDevicePixelRatio(1)
      .setFormat('png');
  }
  return {
    chartUrl: (config, size) => build(config, size).getUrl(),
    renderChartPng: (config, size) => build(config, size).toBinary(),
  };
}
