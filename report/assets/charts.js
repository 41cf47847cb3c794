// Draws the report's charts with Chart.js from the JSON in #chart-data.
// Animation is off, so that a screenshot taken at load shows them whole.
// When every chart is drawn, body[data-charts-drawn] says how many.
(function () {
  var specs = JSON.parse(document.getElementById('chart-data').textContent || '[]');
  var drawn = 0;
  specs.forEach(function (s) {
    var canvas = document.getElementById(s.id);
    if (!canvas || typeof Chart === 'undefined') return;
    var datasets = s.series.map(function (x) {
      return s.line
        ? { label: x.name, data: x.values, borderColor: x.color, backgroundColor: x.color, pointRadius: 2, tension: 0 }
        : { label: x.name, data: x.values, backgroundColor: x.color };
    });
    var valueAxis = { stacked: !!s.stacked, beginAtZero: true, ticks: { precision: 0 } };
    var nameAxis = { stacked: !!s.stacked, ticks: { autoSkip: !s.horizontal } };
    if (s.horizontal) {
      // Names are never clipped: the axis takes the room the longest needs,
      // up to half the chart, and a longer one ends in an ellipsis.
      nameAxis.ticks.callback = function (v) {
        var t = this.getLabelForValue(v);
        var room = Math.max(12, Math.floor(canvas.parentNode.clientWidth / 2 / 7));
        return t.length > room ? t.slice(0, room - 1) + '…' : t;
      };
    }
    var chart = new Chart(canvas, {
      type: s.line ? 'line' : 'bar',
      data: { labels: s.labels, datasets: datasets },
      options: {
        indexAxis: s.horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: s.series.length > 1, position: 'bottom' },
          tooltip: { callbacks: { title: function (items) { return items.length ? s.labels[items[0].dataIndex] : ''; } } }
        },
        scales: s.horizontal ? { x: valueAxis, y: nameAxis } : { x: nameAxis, y: valueAxis },
        onClick: function (e, elements) {
          if (s.links && elements.length) location.hash = s.links[elements[0].index];
        }
      }
    });
    if (chart) drawn++;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
