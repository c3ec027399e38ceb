// rareflow's dashboard script: draws every chart a page embeds (a <figure class="chart">
// holding its data as JSON) with ECharts, and runs scenarios from the scenarios page.
// It computes nothing: the server chose the rows, and the page draws exactly those rows
// (the CSV link downloads the same rows). Charts use the SVG renderer so that what is
// drawn can be read back from the page (the browser tests do).
(function () {
  'use strict';

  var NO_DATA = '#e4e4e4';
  var RAMP = ['#fff5eb', '#fdd0a2', '#fdae6b', '#fd8d3c', '#f16913', '#d94801', '#8c2d04'];

  function text(x) {
    if (x === null || x === undefined) return '—';
    if (typeof x === 'number') return x.toLocaleString('en-US', { maximumFractionDigits: 6 });
    return String(x);
  }

  function column(chart, name) {
    return chart.columns.indexOf(name);
  }

  // The world map, registered once: world-atlas TopoJSON → GeoJSON, with Russia's and
  // Fiji's points east of the antimeridian moved by +360° so that no ring jumps across the
  // whole map (see assets/vendor/README.md), and Antarctica left out (no data, and its
  // ring around the pole streaks too).
  var worldReady = null;
  function loadWorld() {
    if (worldReady) return worldReady;
    worldReady = fetch('/assets/vendor/countries-110m.json')
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        var geo = topojson.feature(topo, topo.objects.countries);
        geo.features = geo.features.filter(function (f) { return f.id !== '010'; });
        geo.features.forEach(function (f) {
          f.properties = { rfid: f.id || ('unnumbered:' + f.properties.name), label: f.properties.name };
          if (f.id === '643' || f.id === '242') shiftEast(f.geometry);
        });
        echarts.registerMap('world', geo);
        return geo;
      });
    return worldReady;
  }

  function shiftEast(geometry) {
    var polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        ring.forEach(function (p) { if (p[0] < -169) p[0] += 360; });
      });
    });
  }

  function colourOf(value, lo, hi, logScale) {
    if (value === null || value === undefined) return NO_DATA;
    var t;
    if (hi <= lo) t = 1;
    else if (logScale) t = (Math.log(Math.max(value, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    else t = (value - lo) / (hi - lo);
    var i = Math.min(RAMP.length - 1, Math.max(1, Math.round(t * (RAMP.length - 2)) + 1));
    return RAMP[i];
  }

  function drawMap(el, chart) {
    return loadWorld().then(function () {
      var id = column(chart, chart.encode.id), v = column(chart, chart.encode.value);
      var name = column(chart, chart.encode.name), link = column(chart, chart.encode.link);
      var values = chart.rows.map(function (r) { return r[v]; }).filter(function (x) { return typeof x === 'number' && x > 0; });
      var lo = values.length ? Math.min.apply(null, values) : 0, hi = values.length ? Math.max.apply(null, values) : 1;
      var logScale = lo > 0 && hi / lo > 100;
      var data = chart.rows.map(function (r) {
        return {
          name: r[id], value: r[v], label: r[name], link: r[link],
          itemStyle: { areaColor: colourOf(r[v], lo, hi, logScale) }
        };
      });
      var ec = echarts.init(el, null, { renderer: 'svg' });
      ec.setOption({
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            return p.data ? p.data.label + ': ' + text(p.data.value) + ' ' + chart.unit : 'no figure';
          }
        },
        series: [{
          type: 'map', map: 'world', nameProperty: 'rfid', roam: false, selectedMode: false,
          data: data, label: { show: false },
          itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#6baed6' } }
        }]
      });
      ec.on('click', function (p) {
        if (p.data && p.data.link) window.location.href = '/country/' + encodeURIComponent(p.data.link);
      });
      var legend = document.createElement('p');
      legend.className = 'legend';
      legend.innerHTML = '';
      [['no figure', NO_DATA], [text(lo) + ' ' + chart.unit, RAMP[1]], [text(hi) + ' ' + chart.unit + (logScale ? ' (log scale)' : ''), RAMP[RAMP.length - 1]]]
        .forEach(function (item) {
          var swatch = document.createElement('span');
          swatch.className = 'swatch';
          swatch.style.background = item[1];
          legend.appendChild(swatch);
          legend.appendChild(document.createTextNode(' ' + item[0] + '  '));
        });
      el.parentNode.insertBefore(legend, el.nextSibling);
      return ec;
    });
  }

  function drawSankey(el, chart) {
    var s = column(chart, chart.encode.source), t = column(chart, chart.encode.target), v = column(chart, chart.encode.value);
    var names = [];
    chart.rows.forEach(function (r) {
      if (names.indexOf(r[s]) < 0) names.push(r[s]);
      if (names.indexOf(r[t]) < 0) names.push(r[t]);
    });
    var ec = echarts.init(el, null, { renderer: 'svg' });
    ec.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { return p.data.source ? p.data.source + ' → ' + p.data.target + ': ' + text(p.data.value) + ' ' + chart.unit : p.name; } },
      series: [{
        type: 'sankey', nodeAlign: 'left', left: 10, right: 120, nodeGap: 4,
        emphasis: { focus: 'adjacency' },
        label: { fontSize: 10 },
        data: names.map(function (n) { return { name: n }; }),
        links: chart.rows.map(function (r) { return { source: r[s], target: r[t], value: r[v] }; })
      }]
    });
    return Promise.resolve(ec);
  }

  // Lines and bars: x categories and series in the order the rows give them; a missing or
  // null value is a gap in the line, never a zero.
  function drawSeries(el, chart, type) {
    var x = column(chart, chart.encode.x), s = column(chart, chart.encode.series), v = column(chart, chart.encode.value);
    var xs = [], names = [];
    chart.rows.forEach(function (r) {
      if (xs.indexOf(r[x]) < 0) xs.push(r[x]);
      if (names.indexOf(r[s]) < 0) names.push(r[s]);
    });
    if (typeof xs[0] === 'number') xs.sort(function (a, b) { return a - b; });
    var series = names.map(function (n) {
      var data = xs.map(function () { return null; });
      chart.rows.forEach(function (r) {
        if (r[s] === n) data[xs.indexOf(r[x])] = (typeof r[v] === 'number') ? r[v] : null;
      });
      return { name: n, type: type, data: data, connectNulls: false, showSymbol: type === 'line' };
    });
    var ec = echarts.init(el, null, { renderer: 'svg' });
    ec.setOption({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: xs.map(String), axisLabel: { rotate: type === 'bar' ? 30 : 0 } },
      yAxis: { type: 'value', name: chart.unit },
      series: series
    });
    return Promise.resolve(ec);
  }

  function csvOf(chart) {
    function cell(c) {
      if (c === null || c === undefined) return '';
      var s = String(c);
      return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    return [chart.columns].concat(chart.rows).map(function (r) { return r.map(cell).join(','); }).join('\n') + '\n';
  }

  function draw(figure, chart) {
    var el = figure.querySelector('.canvas');
    if (!chart.rows.length) {
      el.classList.add('empty');
      el.textContent = 'Nothing to draw: ' + chart.note;
      figure.dataset.drawn = 'empty';
      return Promise.resolve(null);
    }
    var done;
    if (chart.kind === 'map') done = drawMap(el, chart);
    else if (chart.kind === 'sankey') done = drawSankey(el, chart);
    else done = drawSeries(el, chart, chart.kind === 'bar' ? 'bar' : 'line');
    return done.then(function (ec) {
      figure.dataset.drawn = 'yes';
      window.addEventListener('resize', function () { if (ec) ec.resize(); });
      return ec;
    }).catch(function (e) {
      figure.dataset.drawn = 'failed';
      el.textContent = 'This chart could not be drawn: ' + e;
    });
  }

  // A figure for a chart fetched by the page (the scenarios page), laid out as the server
  // lays out embedded ones; its CSV is built from the rows drawn.
  function figureFor(chart, csvUrl) {
    var f = document.createElement('figure');
    f.className = 'chart';
    f.id = 'chart-' + chart.id;
    f.dataset.chart = chart.id;
    var cap = document.createElement('figcaption');
    cap.className = 'title';
    cap.textContent = chart.title;
    var canvas = document.createElement('div');
    canvas.className = 'canvas';
    var note = document.createElement('p');
    note.className = 'note';
    note.textContent = chart.note;
    var source = document.createElement('p');
    source.className = 'source';
    source.textContent = chart.source;
    var dl = document.createElement('p');
    dl.className = 'download';
    var a = document.createElement('a');
    a.className = 'csv';
    a.textContent = 'CSV of the data drawn';
    a.download = chart.id + '.csv';
    a.href = csvUrl || URL.createObjectURL(new Blob([csvOf(chart)], { type: 'text/csv' }));
    dl.appendChild(a);
    [cap, canvas, note, source, dl].forEach(function (x) { f.appendChild(x); });
    return f;
  }

  function drawEmbedded() {
    document.querySelectorAll('figure.chart').forEach(function (figure) {
      var data = figure.querySelector('script.chart-data');
      if (data) draw(figure, JSON.parse(data.textContent));
    });
  }

  // The scenarios page: run a bundled or uploaded scenario, compare two, save a run.
  function scenarios() {
    var run = document.getElementById('run');
    if (!run) return;
    var status = document.getElementById('status');
    var box = document.getElementById('charts');
    var last = null;

    function show(charts, csvQuery) {
      box.innerHTML = '';
      charts.forEach(function (c) {
        var f = figureFor(c, csvQuery ? '/charts/' + c.id + '.csv?' + csvQuery : null);
        box.appendChild(f);
        draw(f, c);
      });
    }

    function fail(r) {
      return r.json().then(function (e) { throw new Error(e.error ? e.error.message : r.statusText); },
        function () { throw new Error(r.status + ' ' + r.statusText); });
    }

    function request(url, init, what, csvQuery) {
      status.textContent = 'Running ' + what + ' …';
      return fetch(url, init).then(function (r) { return r.ok ? r.json() : fail(r); })
        .then(function (charts) { show(charts, csvQuery); status.textContent = 'Ran ' + what + '.'; })
        .catch(function (e) { status.textContent = 'Not run: ' + e.message; });
    }

    run.addEventListener('click', function () {
      var name = document.getElementById('scenario').value;
      var q = 'scenario=' + encodeURIComponent(name);
      last = { query: q };
      request('/charts/scenario.json?' + q, {}, name, q);
    });
    document.getElementById('compare').addEventListener('click', function () {
      var a = document.getElementById('scenario').value, b = document.getElementById('compare-with').value;
      if (!b) { status.textContent = 'Choose a scenario to compare with.'; return; }
      var q = 'a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b);
      request('/charts/scenario-compare.json?' + q, {}, b + ' against ' + a, q);
    });
    var file = document.getElementById('scenario-file'), textArea = document.getElementById('scenario-text');
    file.addEventListener('change', function () {
      if (file.files.length) file.files[0].text().then(function (t) { textArea.value = t; });
    });
    document.getElementById('run-upload').addEventListener('click', function () {
      var name = file.files.length ? file.files[0].name : 'scenario.toml';
      last = { body: textArea.value, name: name };
      request('/charts/scenario.json?file=' + encodeURIComponent(name),
        { method: 'POST', headers: { 'Content-Type': 'application/toml' }, body: textArea.value }, name, null);
    });
    document.getElementById('save').addEventListener('click', function () {
      var saved = document.getElementById('save-status');
      if (!last) { saved.textContent = 'Run a scenario first.'; return; }
      var token = document.getElementById('token').value;
      var init = { method: 'POST', headers: { 'Authorization': 'Bearer ' + token } };
      var url = '/api/v1/runs?' + (last.query || 'file=' + encodeURIComponent(last.name));
      if (last.body !== undefined) { init.body = last.body; init.headers['Content-Type'] = 'application/toml'; }
      fetch(url, init).then(function (r) { return r.ok ? r.json() : fail(r); })
        .then(function (r) {
          saved.innerHTML = '';
          var a = document.createElement('a');
          a.href = '/runs/' + r.run.id;
          a.textContent = 'saved as run ' + r.run.id;
          saved.appendChild(a);
        })
        .catch(function (e) { saved.textContent = 'Not saved: ' + e.message; });
    });
  }

  drawEmbedded();
  scenarios();
})();
