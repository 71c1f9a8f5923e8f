// Draws the report's charts from the JSON data block with the inlined Chart.js. The data only ever is data: every
// chart is built from its spec here, and each Chart.js instance is kept in window.nightshiftCharts under its id.
(function () {
  'use strict';
  var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var formats = {
    usd: function (v) { return '$' + number(v); },
    percent: function (v) { return (v * 100).toFixed(Math.round(v * 1000) % 10 === 0 ? 0 : 1) + '%'; },
    count: function (v) { return Number.isInteger(v) ? String(v) : v.toFixed(1); },
    time: function (v, span) { return new Date(v).toISOString().substring(11, span !== undefined && span < 20000 ? 21 : 19); }
  };

  function number(v) {
    if (v === 0) { return '0'; }
    var a = Math.abs(v);
    return a >= 1 ? v.toFixed(2) : Number(v.toPrecision(3)).toString();
  }

  function format(name) {
    return formats[name] || function (v) { return String(v); };
  }

  function color(i, alpha) {
    var c = palette[i % palette.length];
    return alpha ? c + alpha : c;
  }

  function valueAxis(fmt, title, extra) {
    // a run of a few seconds needs tenths of a second on its time axis to tell its ticks apart
    var axis = { beginAtZero: true, title: { display: !!title, text: title || '' },
      ticks: { callback: function (v) { return format(fmt)(v, this.max - this.min); } } };
    if (fmt === 'percent') { axis.min = 0; axis.max = 1; }
    Object.keys(extra || {}).forEach(function (k) { axis[k] = extra[k]; });
    return axis;
  }

  function categoryAxis(title) {
    return { type: 'category', title: { display: !!title, text: title || '' }, ticks: { autoSkip: false, maxRotation: 60 } };
  }

  function tooltip(spec) {
    return { callbacks: { label: function (ctx) {
      var ds = spec.series[ctx.datasetIndex];
      var raw = ctx.raw;
      var yFmt = format(ds.axis === 'y2' ? spec.y2Format : spec.yFormat);
      if (Array.isArray(raw)) { return ds.label + ': ' + yFmt(raw[0]) + ' – ' + yFmt(raw[1]); }
      if (raw !== null && typeof raw === 'object') {
        return ds.label + ': ' + (spec.xFormat ? format(spec.xFormat)(raw.x) + ', ' : '') + yFmt(raw.y);
      }
      return ds.label + ': ' + yFmt(raw);
    } } };
  }

  function barConfig(spec) {
    var single = spec.series.length === 1;
    return { type: 'bar', data: { labels: spec.labels, datasets: spec.series.map(function (s, i) {
      return { label: s.label, data: s.data,
        backgroundColor: single ? spec.labels.map(function (l, j) { return color(j); }) : color(i) };
    }) }, options: { scales: { x: categoryAxis(spec.xTitle), y: valueAxis(spec.yFormat, spec.yTitle) },
      plugins: { legend: { display: !single }, tooltip: tooltip(spec) } } };
  }

  function timelineConfig(spec) {
    var scales = { x: valueAxis('time', spec.xTitle, { type: 'linear', beginAtZero: false }),
      y: valueAxis(spec.yFormat, spec.yTitle, { position: 'left' }) };
    if (spec.series.some(function (s) { return s.axis === 'y2'; })) {
      scales.y2 = valueAxis(spec.y2Format, spec.y2Title, { position: 'right', grid: { drawOnChartArea: false } });
    }
    return { type: 'line', data: { datasets: spec.series.map(function (s, i) {
      return { label: s.label, data: s.data, yAxisID: s.axis === 'y2' ? 'y2' : 'y', stepped: true,
        borderColor: color(i), backgroundColor: color(i), pointRadius: s.data.length > 60 ? 0 : 2 };
    }) }, options: { parsing: { xAxisKey: 'x', yAxisKey: 'y' }, scales: scales,
      plugins: { tooltip: tooltip(spec) } } };
  }

  function intervalConfig(spec) {
    return { type: 'bar', data: { labels: spec.labels, datasets: spec.series.map(function (s, i) {
      if (s.type === 'point') {
        return { type: 'line', label: s.label, data: s.data, showLine: false, pointRadius: 5, pointStyle: 'rectRot',
          borderColor: '#1f2328', backgroundColor: '#1f2328' };
      }
      return { label: s.label, data: s.data, backgroundColor: color(i, '66'), borderColor: color(i), borderWidth: 1 };
    }) }, options: { scales: { x: categoryAxis(spec.xTitle), y: valueAxis(spec.yFormat, spec.yTitle) },
      plugins: { tooltip: tooltip(spec) } } };
  }

  function scatterConfig(spec) {
    return { type: 'scatter', data: { datasets: spec.series.map(function (s, i) {
      return { label: s.label, data: s.data, pointRadius: 7, borderColor: color(i), backgroundColor: color(i, 'cc') };
    }) }, options: { scales: { x: valueAxis(spec.xFormat, spec.xTitle, { type: 'linear' }),
      y: valueAxis(spec.yFormat, spec.yTitle, { grace: '10%' }) }, plugins: { tooltip: tooltip(spec) } } };
  }

  var builders = { bar: barConfig, timeline: timelineConfig, interval: intervalConfig, scatter: scatterConfig };
  var data = JSON.parse(document.getElementById('nightshift-report-data').textContent);
  window.nightshiftCharts = {};
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    var build = builders[spec.kind];
    if (canvas && build) {
      window.nightshiftCharts[spec.id] = new Chart(canvas, build(spec));
    }
  });
})();
