// Draws the dashboard's charts (uPlot, loaded by the layout) from their data-chart JSON: {x, labels, series}.
// Runs on load and again after htmx swaps the figures in, since the swap brings new charts.
(function () {
  const colours = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

  // Times read as the page's language writes them (9/11 in Vietnamese, 11/9 in English), in the workspace's zone.
  function timeFormat(kind, zone) {
    const parts = kind === 'days' ? {day: 'numeric', month: 'numeric'} : {hour: '2-digit', minute: '2-digit'};
    const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        zone ? Object.assign({timeZone: zone}, parts) : parts);
    return t => format.format(new Date(t * 1e3));
  }

  function draw(el) {
    const chart = JSON.parse(el.dataset.chart);
    const kind = el.dataset.x;
    const zone = el.dataset.zone;
    const x = kind === 'runs' ? t => chart.labels[t - 1] || '' : timeFormat(kind, zone);
    el.replaceChildren();
    const opts = {
      width: el.clientWidth,
      height: 200,
      legend: {show: true},
      scales: {x: {time: kind !== 'runs'}},
      series: [{label: el.dataset.xLabel, value: (u, t) => t == null ? '--' : x(t)}].concat(chart.series.map((s, i) => ({
        label: s.label, stroke: colours[i % colours.length], width: 2,
        fill: kind === 'runs' ? undefined : colours[i % colours.length] + '22'
      }))),
      axes: [{values: (u, ticks) => ticks.map(x)}, {}]
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
