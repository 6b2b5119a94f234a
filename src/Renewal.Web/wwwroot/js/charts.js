// Draws every chart of the page with ECharts (loaded before this file by the layout, only on pages with charts).
// Each chart is a <figure class="chart"> rendered by Features/Shared/_Chart.cshtml: a div.chart-canvas whose
// data-chart-json names a <script type="application/json"> with the data, and the table of exact figures. The page
// carries no inline script code; the values are in the unit the data says (亿元, 万元, 个…).
(function () {
  'use strict';
  if (typeof window.echarts === 'undefined') return; // the tables stay visible

  var english = (document.documentElement.lang || '').indexOf('en') === 0;
  var number = new Intl.NumberFormat(english ? 'en' : 'zh-CN', { maximumFractionDigits: 4 });
  var charts = [];

  function fmt(value, unit) {
    if (value === null || value === undefined || value === '') return '-';
    var n = Number(value);
    if (Array.isArray(value)) n = Number(value[value.length - 1]);
    return number.format(n) + (unit ? ' ' + unit : '');
  }

  function options(d) {
    var unit = d.unit || '';
    var tooltipFormatter = function (v) { return fmt(v, unit); };
    if (d.kind === 'Pie') {
      var values = d.series.length ? d.series[0].values : [];
      return {
        animation: false,
        tooltip: { trigger: 'item', valueFormatter: tooltipFormatter },
        legend: { type: 'scroll', bottom: 0 },
        series: [{
          name: d.series.length ? d.series[0].name : d.title,
          type: 'pie',
          radius: ['35%', '65%'],
          data: d.categories.map(function (c, i) { return { name: c, value: Number(values[i] || 0) }; }),
          label: { formatter: '{b}: {d}%' }
        }]
      };
    }
    // Slanted axis labels when there are many categories or long names (行业大类, 重点任务) that would overlap.
    var longNames = d.categories.some(function (c) { return String(c).length > 6; });
    var many = d.categories.length > 8 || (longNames && d.categories.length > 4);
    var hasTarget = d.target !== null && d.target !== undefined;
    var series = d.series.map(function (s, i) {
      var item = {
        name: s.name,
        type: d.kind === 'Line' ? 'line' : 'bar',
        data: s.values.map(Number)
      };
      if (d.kind === 'StackedBar') item.stack = 'total';
      if (i === 0 && hasTarget) {
        item.markLine = {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#b22222' },
          label: { position: 'insideEndTop', formatter: d.targetLabel + ' ' + fmt(d.target, unit) },
          data: [{ yAxis: Number(d.target) }]
        };
      }
      return item;
    });
    return {
      animation: false,
      grid: { left: many ? 48 : 16, right: 24, top: 40, bottom: many ? 24 : 16, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: tooltipFormatter },
      legend: d.series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
      xAxis: {
        type: 'category',
        data: d.categories,
        axisLabel: { interval: 0, rotate: many ? 40 : 0, width: 120, overflow: 'truncate' }
      },
      yAxis: {
        type: 'value',
        name: unit,
        axisLabel: { formatter: function (v) { return number.format(v); } },
        // The target line must stay in view even when every bar is far below it.
        max: hasTarget ? function (extent) { return Math.max(extent.max, Number(d.target)); } : undefined
      },
      series: series
    };
  }

  function setup(div) {
    var source = document.getElementById(div.getAttribute('data-chart-json'));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var figure = div.closest('figure');
    var table = figure.querySelector('.chart-table');
    var button = figure.querySelector('.chart-toggle');
    div.hidden = false;
    if (table) table.hidden = true;
    var chart = window.echarts.init(div, null, { renderer: 'canvas' });
    chart.setOption(options(data));
    charts.push(chart);
    if (button && table) {
      button.textContent = button.getAttribute('data-label-table');
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', function () {
        var showTable = table.hidden;
        table.hidden = !showTable;
        div.hidden = showTable;
        button.textContent = button.getAttribute(showTable ? 'data-label-chart' : 'data-label-table');
        button.setAttribute('aria-expanded', showTable ? 'true' : 'false');
        if (!showTable) chart.resize();
      });
    }
  }

  document.querySelectorAll('.chart-canvas[data-chart-json]').forEach(setup);
  var pending = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 100);
  });
})();
