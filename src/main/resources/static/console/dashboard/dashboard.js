// Draws the dashboard's charts (uPlot, loaded by the layout) from their data-chart JSON: {x, labels, series}.
// Runs on load and again after htmx swaps the figures in, since the swap brings new charts.
(function () {
  const colours = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

  function draw(el) {
    const chart = JSON.parse(el.dataset.chart);
    const kind = el.dataset.x;
    const zone = el.dataset.zone;
    el.replaceChildren();
    const opts = {
      width: el.clientWidth,
      height: 200,
      legend: {show: true},
      scales: {x: {time: kind !== 'runs'}},
      series: [{}].concat(chart.series.map((s, i) => ({
        label: s.label, stroke: colours[i % colours.length], width: 2,
        fill: kind === 'runs' ? undefined : colours[i % colours.length] + '22'
      }))),
      axes: [kind === 'runs'
        ? {values: (u, ticks) => ticks.map(t => chart.labels[t - 1] || '')}
        : {}, {}]
    };
    if (zone && kind !== 'runs') {
      opts.tzDate = ts => uPlot.tzDate(new Date(ts * 1e3), zone);
    }
    el.uplot = new uPlot(opts, [chart.x].concat(chart.series.map(s => s.values)), el);
  }

  function drawAll(root) {
    root.querySelectorAll('[data-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', () => drawAll(document));
  document.addEventListener('htmx:afterSwap', () => drawAll(document));
})();
