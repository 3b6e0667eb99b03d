import { createCanvas } from '@napi-rs/canvas';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartItem,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PieController,
  type Plugin,
  PointElement,
  ScatterController,
  SubTitle,
  Title,
} from 'chart.js';
import type { ChartRenderer } from '../core/ports.ts';
import { CHART_LIMITS, ChartRequestError, parseChartConfig } from './chart-request.ts';
import shared from './point-labels.cjs';
import { FONT_FAMILY } from './style.ts';

Chart.register(
  BarController,
  LineController,
  ScatterController,
  PieController,
  DoughnutController,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  Legend,
  Title,
  SubTitle,
  Filler,
);
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.font.size = 13;
Chart.defaults.color = '#222222';

// A canvas starts transparent; chat clients on dark themes would show black text on black.
function backgroundPlugin(colour: string): Plugin {
  return {
    id: 'bhBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

const pointLabelsPlugin = shared.pointLabelsPlugin(FONT_FAMILY);

/**
 * Renders Chart.js configurations to PNG with @napi-rs/canvas: no browser, no network.
 * Sizes and configs are checked against the chart limits first, so any caller gets the same guard.
 */
export function createCanvasRenderer(): ChartRenderer {
  return {
    async render(config, { width, height, backgroundColor = '#ffffff' }) {
      for (const [name, value] of [
        ['width', width],
        ['height', height],
      ] as const) {
        if (!Number.isInteger(value) || value < CHART_LIMITS.minSize || value > CHART_LIMITS.maxSize) {
          throw new ChartRequestError(
            `${name} must be from ${CHART_LIMITS.minSize} to ${CHART_LIMITS.maxSize} pixels.`,
          );
        }
      }
      // A fresh deep copy: Chart.js mutates the config it is given, and callers may reuse theirs.
      const checked = structuredClone(parseChartConfig(config)) as unknown as ChartConfiguration;
      const canvas = createCanvas(width, height);
      checked.options = {
        ...checked.options,
        responsive: false,
        animation: false,
        devicePixelRatio: 1,
      };
      checked.plugins = [backgroundPlugin(backgroundColor), pointLabelsPlugin];
      let chart: Chart | undefined;
      try {
        chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, checked);
        return await canvas.encode('png');
      } catch (error) {
        throw new ChartRequestError(
          `Chart could not be drawn: ${error instanceof Error ? error.message.slice(0, 200) : 'invalid config'}.`,
        );
      } finally {
        chart?.destroy();
      }
    },
  };
}
