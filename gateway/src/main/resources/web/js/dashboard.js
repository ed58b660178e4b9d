/*
 * The dashboard: reads GET /dashboard/stream (Server-Sent Events over fetch, so the bearer can be
 * sent) and redraws health cards, traffic charts and recent sessions from each
 * dashboard.snapshot event. Reconnects with a growing delay when the stream ends.
 */
(function () {
  'use strict';

  const { api, ui } = window.Tau;
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  let gate = null;
  let controller = null;
  let retryDelay = 1000;
  let retryTimer = null;
  let last = null;

  function live(state, text) {
    $('live').dataset.state = state;
    $('live-text').textContent = text;
  }

  async function connect() {
    clearTimeout(retryTimer);
    if (controller) controller.abort();
    controller = new AbortController();
    live('connecting', 'connecting…');
    try {
      const response = await api.call('GET', '/dashboard/stream', undefined, {
        accept: 'text/event-stream',
        signal: controller.signal,
      });
      live('live', 'live');
      retryDelay = 1000;
      ui.showAlert('');
      await api.readSse(response, (frame) => {
        if (frame.event === 'dashboard.snapshot') {
          render(JSON.parse(frame.data));
        }
      });
      reconnect('stream ended');
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      if (err.status === 401) {
        live('offline', 'signed out');
        gate.rejected(err);
        return;
      }
      ui.showAlert(api.describe(err));
      reconnect(err.status === 429 && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : 0);
    }
  }

  function reconnect(minDelay) {
    const delay = Math.max(retryDelay, typeof minDelay === 'number' ? minDelay : 0);
    live('offline', 'reconnecting in ' + Math.round(delay / 1000) + ' s');
    retryTimer = setTimeout(connect, delay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function render(snapshot) {
    last = snapshot;
    renderOverall(snapshot);
    renderCards(snapshot.components || []);
    renderTraffic(snapshot.traffic);
    renderSessions(snapshot.sessions, snapshot.generated_unix_ms);
  }

  function pill(kind, value) {
    const node = ui.el('span', 'pill ' + kind + '-' + (value || 'unknown'), value || 'unknown');
    return node;
  }

  function renderOverall(s) {
    const box = $('overall');
    box.dataset.health = s.health_state || 'unknown';
    const text = $('overall-text');
    text.replaceChildren(
      pill('health', s.health_state),
      document.createTextNode(' rollout gate '),
      pill('gate', s.rollout_gate),
      document.createTextNode(' '),
      ui.el('code', 'reason', s.reason_code || ''),
    );
    const g = s.gateway || {};
    const facts = [
      ['Model', g.model],
      ['Auth', g.auth_mode],
      ['Service', g.service_status],
      ['In flight', g.in_flight],
      ['Updated', new Date(s.generated_unix_ms).toLocaleTimeString()],
    ];
    const dl = $('facts');
    dl.replaceChildren();
    for (const [name, value] of facts) {
      const row = ui.el('div');
      row.append(ui.el('dt', '', name), ui.el('dd', '', value === undefined ? '–' : value));
      dl.append(row);
    }
  }

  function renderCards(components) {
    const cards = $('health-cards');
    for (const c of components) {
      let card = cards.querySelector('[data-component="' + CSS.escape(c.component) + '"]');
      if (!card) {
        card = ui.el('article', 'card');
        card.dataset.component = c.component;
        cards.append(card);
      }
      card.dataset.health = c.health_state || 'unknown';
      card.dataset.gate = c.rollout_gate || 'unknown';
      const head = ui.el('header');
      head.append(ui.el('h3', '', c.label || c.component), pill('health', c.health_state));
      const gateRow = ui.el('div', 'gate-row');
      gateRow.append(document.createTextNode('rollout gate '), pill('gate', c.rollout_gate));
      card.replaceChildren(
        head,
        gateRow,
        ui.el('code', 'reason', c.reason_code || '–'),
        ui.el('p', 'reason-text', c.health_reason || ''),
      );
      if (Array.isArray(c.facts) && c.facts.length > 0) {
        const dl = ui.el('dl', 'card-facts');
        for (const [name, value] of c.facts) {
          const row = ui.el('div');
          row.dataset.fact = name;
          row.append(ui.el('dt', '', name), ui.el('dd', '', String(value)));
          dl.append(row);
        }
        card.append(dl);
      }
    }
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
  function niceMax(value) {
    if (!(value > 0)) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 5, 10]) {
      if (value <= step * power) return step * power;
    }
    return 10 * power;
  }

  const W = 640;
  const H = 180;
  const PAD = { left: 56, right: 8, top: 10, bottom: 22 };

  function frame(chart, max, unit, seconds) {
    chart.replaceChildren();
    const h = H - PAD.top - PAD.bottom;
    for (const f of [0, 0.5, 1]) {
      const y = PAD.top + h - f * h;
      chart.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
      chart.append(
        svg('text', { x: PAD.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' },
          format(max * f) + unit),
      );
    }
    chart.append(svg('text', { x: PAD.left, y: H - 6, class: 'axis' }, '−' + seconds + ' s'));
    chart.append(svg('text', { x: W - PAD.right, y: H - 6, class: 'axis', 'text-anchor': 'end' }, 'now'));
    return h;
  }

  function format(n) {
    if (n >= 100 || Number.isInteger(n)) return String(Math.round(n));
    return n.toFixed(n >= 10 ? 0 : 1);
  }

  function renderTraffic(t) {
    if (!t) return;
    const n = t.requests.length;
    const rate = $('rate-chart');
    rate.dataset.total = t.total_requests;
    const maxRate = niceMax(Math.max(...t.requests));
    const h = frame(rate, maxRate, '', t.window_seconds);
    const slot = (W - PAD.left - PAD.right) / n;
    const scale = (v) => (v / maxRate) * h;
    for (let i = 0; i < n; i++) {
      const x = PAD.left + i * slot + 1;
      let y = PAD.top + h;
      const parts = [
        ['bar-5xx', t.server_errors[i]],
        ['bar-4xx', t.client_errors[i]],
        ['bar-ok', t.requests[i] - t.server_errors[i] - t.client_errors[i]],
      ];
      for (const [cls, v] of parts) {
        if (v <= 0) continue;
        const bh = Math.max(1, scale(v));
        y -= bh;
        const bar = svg('rect', { x, y, width: Math.max(1, slot - 2), height: bh, class: cls });
        bar.append(svg('title', {}, v + ' at −' + (n - 1 - i) + ' s'));
        rate.append(bar);
      }
    }
    $('rate-summary').textContent =
      t.total_requests + ' requests in the last ' + t.window_seconds + ' s · ' +
      t.total_server_errors + ' failed · ' + t.total_client_errors + ' refused';

    const lat = $('latency-chart');
    const maxMs = niceMax(Math.max(...t.max_ms));
    const lh = frame(lat, maxMs, ' ms', t.window_seconds);
    const point = (i, v) =>
      (PAD.left + i * slot + slot / 2).toFixed(1) + ',' + (PAD.top + lh - (v / maxMs) * lh).toFixed(1);
    const line = (values, cls) => {
      const points = [];
      values.forEach((v, i) => {
        if (t.requests[i] > 0) points.push(point(i, v));
      });
      if (points.length === 1) points.push(points[0]);
      if (points.length) lat.append(svg('polyline', { points: points.join(' '), class: cls }));
      values.forEach((v, i) => {
        if (t.requests[i] > 0) {
          const [cx, cy] = point(i, v).split(',');
          lat.append(svg('circle', { cx, cy, r: 2.5, class: cls + '-dot' }));
        }
      });
    };
    line(t.max_ms, 'line-max');
    line(t.avg_ms, 'line-avg');
    $('latency-summary').textContent = t.total_requests
      ? 'average ' + format(t.avg_ms_overall) + ' ms · slowest ' + format(t.max_ms_overall) + ' ms'
      : 'no requests in the last ' + t.window_seconds + ' s';
  }

  function renderSessions(sessions, now) {
    if (!sessions) return;
    const body = $('sessions-table').querySelector('tbody');
    body.replaceChildren();
    for (const s of sessions.recent) {
      const row = ui.el('tr');
      const name = ui.el('td');
      const link = ui.el('a', '', s.session_key);
      link.href = '/webchat?session=' + encodeURIComponent(s.session_key);
      name.append(link);
      row.append(
        name,
        ui.el('td', 'preview', s.preview || ''),
        ui.el('td', '', ui.ago(s.updated_unix_ms, now)),
        ui.el('td', 'num', s.event_count),
      );
      body.append(row);
    }
    $('sessions-table').hidden = sessions.recent.length === 0;
    $('sessions-empty').hidden = sessions.recent.length > 0;
    $('sessions-summary').textContent = sessions.count + ' stored';
  }

  gate = ui.setupAuth({
    verify: '/gateway/sessions?limit=1',
    onLocked() {
      if (controller) controller.abort();
      clearTimeout(retryTimer);
      $('dash').hidden = true;
    },
    onReady() {
      $('dash').hidden = false;
      connect();
    },
  });

  // Relative times age between snapshots; refresh them without waiting for new data.
  setInterval(() => last && renderSessions(last.sessions, Date.now()), 15000);
})();
