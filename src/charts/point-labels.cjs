// Chart.js pieces that the PNG renderer (Node) and the report page (the browser, where this file is
// served as /static/point-labels.js without a bundler) share: short labels, and the names of
// scatter points drawn next to them. One file serves both, so it is written for both loaders:
// CommonJS for Node, a global for a browser <script>.
((factory) => {
  const shared = factory();
  if (typeof module === 'object' && module.exports) module.exports = shared;
  else globalThis.bhCharts = shared;
})(() => {
  /**
   * Shortens a label for an axis: long model ids (`openrouter:vendor/very-long-model-name`) keep
   * their beginning and end, which is where provider and variant live, with an ellipsis between.
   */
  function shortLabel(label, max = 24) {
    const chars = [...label];
    if (chars.length <= max) return label;
    const tail = Math.floor((max - 1) / 2);
    const head = max - 1 - tail;
    return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
  }

  /** Scatter points carry their model's (shortened) name: a PNG has no tooltips to tell them apart. */
  function pointLabelsPlugin(fontFamily) {
    return {
      id: 'bhPointLabels',
      afterDatasetsDraw(chart) {
        if (chart.config.type !== 'scatter') return;
        const { ctx } = chart;
        ctx.save();
        ctx.font = `12px ${fontFamily}`;
        ctx.fillStyle = '#222222';
        ctx.textBaseline = 'middle';
        chart.data.datasets.forEach((dataset, index) => {
          if (!dataset.label || !chart.isDatasetVisible(index)) return;
          for (const element of chart.getDatasetMeta(index).data) {
            ctx.fillText(shortLabel(dataset.label, 28), element.x + 12, element.y);
          }
        });
        ctx.restore();
      },
    };
  }

  return { shortLabel, pointLabelsPlugin };
});
