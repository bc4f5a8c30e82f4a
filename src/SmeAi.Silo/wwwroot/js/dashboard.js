// SmeAi live dashboard: plain JavaScript against the silo's read API; no libraries, no network beyond this origin.
// Everything shown comes from entity ids and other producer-supplied text, so it is written with textContent only.
'use strict';

(() => {
  const DOMAINS = ['equipment', 'churn', 'security'];
  const ENTITY_API = { equipment: 'api/machines/', churn: 'api/customers/', security: 'api/risk/' };
  const ENTITY_LABEL = { equipment: 'Machine', churn: 'Customer', security: 'Subject' };
  const SYSTEM_POLL_MS = 2000;
  const MODELS_POLL_MS = 10000;
  const DRILL_POLL_MS = 3000;
  const STREAM_RETRY_MS = 5000;
  const RATE_POINTS = 150; // 5 minutes at one point every 2 s
  const FEED_ROWS = 200;
  const TOP_ROWS = 8;
  const SVG = 'http://www.w3.org/2000/svg';

  const state = {
    events: new Map(),          // alertId|status -> alert: each raise and clear once
    latest: new Map(),          // domain|entityId -> the entity's latest alert event
    raisedIds: new Set(),       // alertIds counted in raised
    raised: { equipment: 0, churn: 0, security: 0 },
    rate: [],                   // { at: ms, value: events/s }
    lastSystem: null,           // { at: ms, eventsProcessed }
    feedFilter: 'all',
    drill: null,                // { domain, entityId, timer }: the open drill-down
    stream: 'connecting',       // the live alert stream: connecting, live or reconnecting
    systemError: null,          // why the last /api/system poll failed; null once one succeeds
  };

  const $ = (id) => document.getElementById(id);

  // The next poll is due only once the last one has its answer (or failed): a slow silo gets one request at a time
  // from this page, not a new one on every tick while the others still wait.
  function pollEvery(ms, poll) {
    const run = async () => {
      await poll();
      setTimeout(run, ms);
    };
    run();
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text != null) node.textContent = text;
    return node;
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) {
      let detail = '';
      try { detail = (await response.json()).detail || ''; } catch { /* not JSON */ }
      throw new Error(`${path} answered ${response.status}${detail ? ': ' + detail : ''}`);
    }
    return response.json();
  }

  const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const fmtScore = (score) => (typeof score === 'number' ? score.toFixed(2) : '–');
  const fmtTime = (ts) => (ts ? new Date(ts).toLocaleTimeString([], { hour12: false }) : '–');
  const fmtDateTime = (ts) => (ts ? new Date(ts).toLocaleString([], { hour12: false }) : '–');

  function scoreBar(score) {
    const pct = Math.max(0, Math.min(1, Number(score) || 0)) * 100;
    return el('span', { class: 'scorebar', title: `score ${fmtScore(score)}` },
      el('span', { class: 'scorebar-track', 'aria-hidden': 'true' }, el('span', { class: 'scorebar-fill', style: `width:${pct.toFixed(0)}%` })),
      el('span', { text: fmtScore(score) }));
  }

  // Alerts raised from the entity's own history name the model 'baseline' (version 0).
  function modelLabel(name, version) {
    if (!name) return null;
    return name === 'baseline' ? 'own baseline' : `${name} v${version}`;
  }

  function entityButton(domain, entityId) {
    return el('button', {
      type: 'button', class: 'link-button entity-link', text: entityId, title: `${ENTITY_LABEL[domain]} ${entityId}: details`,
      'data-domain': domain, 'data-entity-id': entityId, onclick: () => openDrill(domain, entityId),
    });
  }

  // ---- alerts ------------------------------------------------------------------------------------------------------

  // When the alert last changed: a stored alert cleared since it was raised keeps the raise's ts and has the clear's
  // time in clearedAt; a live clear's ts is the clear's.
  const changedAt = (alert) => new Date(alert.clearedAt || alert.ts);

  function addAlert(alert, live) {
    if (!alert || !DOMAINS.includes(alert.domain)) return;
    // A stored alert is a raise, whatever its status now; a live one is a raise when it opens. Each counts once.
    if ((!live || alert.status === 'open') && !state.raisedIds.has(alert.alertId)) {
      state.raisedIds.add(alert.alertId);
      state.raised[alert.domain] += 1;
    }
    const key = `${alert.alertId}|${alert.status}`;
    if (state.events.has(key)) return;
    state.events.set(key, alert);

    const entityKey = `${alert.domain}|${alert.entityId}`;
    const known = state.latest.get(entityKey);
    if (!known || changedAt(alert) >= changedAt(known)) state.latest.set(entityKey, alert);

    insertFeedRow(alert, live);
    scheduleRender();
  }

  function insertFeedRow(alert, live) {
    const top = (alert.features || [])[0];
    const detail = [
      top ? `${top.name} ${Number(top.value).toFixed(1)} (usual ${Number(top.baseline).toFixed(1)})` : null,
      ...(alert.signals || []),
      alert.band ? `band ${alert.band}` : null,
      modelLabel(alert.modelName, alert.modelVersion),
    ].filter(Boolean).join(' · ');
    // A stored alert cleared since shows the raise (time, score, reasons) with its status now.
    const status = el('span', { class: `status-${alert.status}`, text: alert.status });
    if (alert.clearedAt) status.title = `cleared ${fmtDateTime(alert.clearedAt)}`;
    const row = el('li', {
      class: `alert-row${live ? ' fresh' : ''}`, 'data-alert-id': alert.alertId, 'data-domain': alert.domain,
      'data-entity-id': alert.entityId,
    },
      el('span', { class: 'alert-time', text: fmtTime(alert.ts), title: fmtDateTime(alert.ts) }),
      el('span', {}, el('span', { class: `badge domain-${alert.domain}`, text: alert.domain })),
      entityButton(alert.domain, alert.entityId),
      el('span', { class: `severity severity-${alert.severity}`, text: alert.severity }),
      scoreBar(alert.score),
      status,
      el('span', { class: 'alert-detail', text: detail, title: detail }));
    row.hidden = state.feedFilter !== 'all' && state.feedFilter !== alert.domain;

    // Live alerts go on top as they arrive; stored ones come newest first and go below them. Arrival order, not
    // event time, because replays and simulators run on their own clocks.
    const feed = $('alert-feed');
    if (live) feed.prepend(row); else feed.append(row);
    while (feed.children.length > FEED_ROWS) feed.lastElementChild.remove();
    $('feed-empty').hidden = feed.children.length > 0;
  }

  let renderPending = false;
  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      renderTopLists();
      renderDomainChart();
    });
  }

  function openAlerts() {
    return [...state.latest.values()].filter((a) => a.status === 'open');
  }

  const SEVERITY_RANK = { critical: 3, high: 2, medium: 1 };

  // Highest score first; many scores saturate at 1.00, so severity and then the latest raise break ties.
  function byRisk(a, b) {
    return b.score - a.score
      || (SEVERITY_RANK[b.severity] || 0) - (SEVERITY_RANK[a.severity] || 0)
      || new Date(b.ts) - new Date(a.ts);
  }

  function renderTopLists() {
    const open = openAlerts();
    $('kpi-open').textContent = numberFormat.format(open.length);
    for (const domain of DOMAINS) {
      const list = $(`top-${domain}`);
      const top = open.filter((a) => a.domain === domain).sort(byRisk).slice(0, TOP_ROWS);
      list.replaceChildren(...(top.length === 0
        ? [el('li', { class: 'empty', text: 'No open alerts.' })]
        : top.map((a) => el('li', { 'data-entity-id': a.entityId },
          entityButton(domain, a.entityId), scoreBar(a.score), el('span', { class: `severity severity-${a.severity}`, text: a.severity })))));
    }
  }

  function renderDomainChart() {
    const chart = $('domain-chart');
    const open = openAlerts();
    const max = Math.max(1, ...DOMAINS.map((d) => state.raised[d]));
    const nodes = [];
    DOMAINS.forEach((domain, i) => {
      const y = 20 + i * 52;
      const raised = state.raised[domain];
      const openCount = open.filter((a) => a.domain === domain).length;
      const width = (raised / max) * 200;
      nodes.push(svg('text', { x: 0, y: y + 15 }, domain));
      nodes.push(svg('rect', { x: 80, y, width: 200, height: 22, rx: 4, fill: '#eef1f5' }));
      nodes.push(svg('rect', { x: 80, y, width: Math.max(width, raised ? 2 : 0), height: 22, rx: 4, style: `fill:var(--${domain});opacity:.35` }));
      nodes.push(svg('rect', { x: 80, y, width: Math.max((openCount / max) * 200, openCount ? 2 : 0), height: 22, rx: 4, style: `fill:var(--${domain})` }));
      nodes.push(svg('text', { x: 80, y: y + 37 }, `${raised} raised · ${openCount} open`));
    });
    chart.replaceChildren(...nodes);
    chart.setAttribute('aria-label', DOMAINS.map((d) => `${d}: ${state.raised[d]} raised, ${open.filter((a) => a.domain === d).length} open`).join('; '));
  }

  // Loads the stored alerts, each with its status now, at the start and after the live stream was down (what was raised
  // or cleared meanwhile never came over it).
  async function seedAlerts() {
    try {
      const alerts = await getJson('api/alerts?limit=200');
      for (const alert of alerts) addAlert(alert, false);
      $('feed-notice').hidden = true;
    } catch (error) {
      $('feed-notice').textContent = `Stored alerts are unavailable (${error.message}); showing live alerts only.`;
      $('feed-notice').hidden = false;
    }
  }

  // The pill shows the stream's state, unless the API fails: then that, with the reason as its tooltip, until a poll
  // succeeds again.
  function renderConnection() {
    const pill = $('connection');
    const [text, kind] = state.systemError ? ['Silo unreachable', 'down']
      : state.stream === 'live' ? ['Live', 'live']
      : [state.stream === 'connecting' ? 'Connecting…' : 'Reconnecting…', 'wait'];
    pill.textContent = text;
    pill.className = `pill pill-${kind}`;
    if (state.systemError) pill.title = state.systemError; else pill.removeAttribute('title');
  }

  function connectAlertStream() {
    const source = new EventSource('api/alerts/stream');
    source.onopen = () => {
      const reconnected = state.stream === 'reconnecting';
      state.stream = 'live';
      renderConnection();
      if (reconnected) seedAlerts();
    };
    source.onerror = () => {
      state.stream = 'reconnecting';
      renderConnection();
      // The browser retries dropped connections itself, but gives up on an error answer (a silo starting or
      // stopping); then the page tries again on its own.
      if (source.readyState === EventSource.CLOSED) setTimeout(connectAlertStream, STREAM_RETRY_MS);
    };
    source.onmessage = (message) => {
      try { addAlert(JSON.parse(message.data), true); } catch { /* a malformed frame is skipped */ }
    };
  }

  // ---- system and event rate ---------------------------------------------------------------------------------------

  async function pollSystem() {
    try {
      const system = await getJson('api/system');
      const now = performance.now();
      if (state.lastSystem && now > state.lastSystem.at) {
        const perSecond = Math.max(0, (system.eventsProcessed - state.lastSystem.eventsProcessed) / ((now - state.lastSystem.at) / 1000));
        state.rate.push({ at: now, value: perSecond });
        if (state.rate.length > RATE_POINTS) state.rate.shift();
        $('kpi-rate').textContent = rateFormat.format(perSecond);
      }
      state.lastSystem = { at: now, eventsProcessed: system.eventsProcessed };
      $('kpi-events').textContent = numberFormat.format(system.eventsProcessed);
      const silos = system.silos.length;
      $('cluster').textContent = `${system.mode} mode · ${silos} silo${silos === 1 ? '' : 's'} · Kafka ${system.kafkaBootstrap}`;
      renderRateChart();
      state.systemError = null;
    } catch (error) {
      state.systemError = error.message;
    }
    renderConnection();
  }

  function renderRateChart() {
    const chart = $('rate-chart');
    const width = 600, height = 180, top = 10, bottom = 20, left = 44;
    const values = state.rate.map((p) => p.value);
    const max = niceMax(Math.max(1, ...values));
    const y = (v) => top + (height - top - bottom) * (1 - v / max);
    const x = (i) => left + (width - left) * (i / (RATE_POINTS - 1));
    const nodes = [];
    for (const fraction of [0, 0.5, 1]) {
      const v = max * fraction;
      nodes.push(svg('line', { class: 'grid-line', x1: left, x2: width, y1: y(v), y2: y(v) }));
      nodes.push(svg('text', { x: 0, y: y(v) + 4 }, rateFormat.format(v)));
    }
    nodes.push(svg('text', { x: left, y: height - 4 }, '−5 min'));
    nodes.push(svg('text', { x: width - 24, y: height - 4 }, 'now'));
    if (values.length > 1) {
      const offset = RATE_POINTS - values.length;
      const points = values.map((v, i) => `${x(i + offset).toFixed(1)},${y(v).toFixed(1)}`);
      nodes.push(svg('polygon', { class: 'rate-area', points: `${x(offset)},${y(0)} ${points.join(' ')} ${x(RATE_POINTS - 1)},${y(0)}` }));
      nodes.push(svg('polyline', { class: 'rate-line', points: points.join(' ') }));
    }
    chart.replaceChildren(...nodes);
    const last = values.at(-1);
    chart.setAttribute('aria-label', `Events per second over the last five minutes${last == null ? '' : `; now ${rateFormat.format(last)}`}`);
  }

  function niceMax(value) {
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
    return 10 * magnitude;
  }

  // ---- models ------------------------------------------------------------------------------------------------------

  async function pollModels() {
    try {
      const summaries = await getJson('api/models');
      const models = await Promise.all(summaries.map((m) => getJson(`api/models/${encodeURIComponent(m.name)}`)));
      renderModels(models);
      $('models-notice').hidden = true;
    } catch (error) {
      // The table keeps what it showed, marked as possibly out of date; the next poll tries again.
      $('models-notice').textContent = `Models are unavailable (${error.message}); the table may be out of date.`;
      $('models-notice').hidden = false;
    }
  }

  function renderModels(models) {
    $('kpi-models').textContent = numberFormat.format(models.filter((m) => m.currentVersion > 0).length);
    const body = $('models-body');
    if (models.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'empty', text: 'No model trained yet.' })));
    } else {
      body.replaceChildren(...models.sort((a, b) => a.name.localeCompare(b.name)).map((model) => {
        const current = model.versions.find((v) => v.version === model.currentVersion);
        const metrics = current ? keyMetrics(current.metrics || {}) : [];
        return el('tr', { 'data-model': model.name },
          el('th', { scope: 'row', text: model.name }),
          el('td', { class: 'num', text: model.currentVersion > 0 ? `v${model.currentVersion} of ${model.versions.length}` : 'none yet' }),
          el('td', { text: current ? current.kind : '–' }),
          el('td', {}, ...(metrics.length ? metrics.map(([name, value]) => el('span', { class: 'metric' }, `${name} `, el('b', { text: Number(value).toFixed(3) }))) : ['–'])),
          el('td', { class: 'num', text: current ? numberFormat.format(current.trainingRows) : '–' }),
          el('td', { text: current && current.promotedAt ? fmtDateTime(current.promotedAt) : '–' }));
      }));
    }

    const swaps = models.flatMap((m) => m.versions.filter((v) => v.promotedAt).map((v) => ({ name: m.name, ...v })))
      .sort((a, b) => new Date(b.promotedAt) - new Date(a.promotedAt)).slice(0, 8);
    $('model-swaps').replaceChildren(...(swaps.length === 0
      ? [el('li', { class: 'empty', text: 'No version swapped in yet.' })]
      : swaps.map((s) => el('li', { text: `${fmtDateTime(s.promotedAt)} — ${s.name} v${s.version} (${s.kind}) went live` }))));
  }

  // Quality figures first (AUC, precision, recall, losses); export checks and other bookkeeping last.
  function keyMetrics(metrics) {
    const rank = (name) => {
      const n = name.toLowerCase();
      if (n.startsWith('export')) return 9;
      if (n.includes('auc')) return 0;
      if (n.includes('precision') || n.includes('recall') || n.includes('f1')) return 1;
      if (n.includes('loss') || n.includes('error')) return 2;
      return 3;
    };
    return Object.entries(metrics).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, 4);
  }

  // ---- drill-down --------------------------------------------------------------------------------------------------

  function openDrill(domain, entityId) {
    closeDrill();
    const dialog = $('entity-dialog');
    $('entity-title').textContent = `${ENTITY_LABEL[domain]} ${entityId}`;
    $('entity-facts').replaceChildren(el('div', {}, el('dt', { text: 'Loading' }), el('dd', { text: '…' })));
    $('entity-sparkline').replaceChildren();
    $('entity-alert').replaceChildren();
    dialog.dataset.domain = domain;
    dialog.dataset.entityId = entityId;
    const drill = { domain, entityId, timer: 0 };
    state.drill = drill;
    if (!dialog.open) dialog.showModal();
    refreshDrill(drill);
  }

  function closeDrill() {
    if (state.drill) clearTimeout(state.drill.timer);
    state.drill = null;
  }

  // Shows the entity, and again a while after each answer for as long as this drill-down stays open.
  async function refreshDrill(drill) {
    await showDrill(drill.domain, drill.entityId);
    if (state.drill === drill) drill.timer = setTimeout(() => refreshDrill(drill), DRILL_POLL_MS);
  }

  async function showDrill(domain, entityId) {
    let entity, failure;
    try {
      entity = await getJson(ENTITY_API[domain] + encodeURIComponent(entityId));
    } catch (error) {
      failure = error;
    }
    // The answer, or the failure, may come after this drill-down was closed and another one opened.
    if (!state.drill || state.drill.entityId !== entityId || state.drill.domain !== domain) return;
    if (failure) {
      $('entity-facts').replaceChildren(el('div', {}, el('dt', { text: 'Error' }), el('dd', { text: failure.message })));
      return;
    }
    // An id with no events (never seen, or erased) answers found: false with empty figures: not an entity to describe.
    if (entity.found === false) {
      $('entity-facts').replaceChildren(el('div', {}, el('dt', { text: 'Unknown' }),
        el('dd', { text: `No ${ENTITY_LABEL[domain].toLowerCase()} with this id has events: never seen, or erased.` })));
      $('entity-sparkline').replaceChildren();
      $('entity-sparkline').setAttribute('aria-label', 'No scores');
      $('entity-alert').replaceChildren(el('p', { class: 'empty', text: 'None.' }));
      return;
    }

    const fact = (name, value) => el('div', {}, el('dt', { text: name }), el('dd', { text: value }));
    $('entity-facts').replaceChildren(
      fact('Events processed', numberFormat.format(entity.eventsProcessed)),
      fact('Last score', fmtScore(entity.lastScore)),
      fact('Model', entity.modelName ? `${entity.modelName} v${entity.modelVersion}` : 'not scored yet'),
      fact('Last event', fmtDateTime(entity.lastEventTs)));
    renderSparkline(entity.recentScores || []);

    const open = entity.openAlert || [...state.latest.values()].find((a) => a.domain === domain && a.entityId === entityId && a.status === 'open');
    $('entity-alert').replaceChildren(...(open
      ? [
        el('p', {},
          el('span', { class: `severity severity-${open.severity}`, text: open.severity }),
          ` since ${fmtDateTime(open.ts)} · score ${fmtScore(open.score)} · ${modelLabel(open.modelName, open.modelVersion) || ''}`),
        el('ul', { class: 'reasons' }, ...[
          ...(open.features || []).slice(0, 3).map((f) => el('li', { text: `${f.name}: ${Number(f.value).toFixed(2)} against a usual ${Number(f.baseline).toFixed(2)}` })),
          ...(open.signals || []).map((signal) => el('li', { text: signal.replaceAll('_', ' ') })),
        ]),
      ]
      : [el('p', { class: 'empty', text: 'None.' })]));
  }

  function renderSparkline(scores) {
    const chart = $('entity-sparkline');
    const width = 480, height = 90;
    const nodes = [svg('line', { class: 'threshold', x1: 0, x2: width, y1: height / 2, y2: height / 2 })];
    if (scores.length < 2) {
      nodes.push(svg('text', { x: 12, y: 22 }, 'No model scores yet (the model for this entity is still warming up).'));
    } else {
      const points = scores.map((p, i) => `${((i / (scores.length - 1)) * width).toFixed(1)},${(height - 4 - p.score * (height - 8)).toFixed(1)}`);
      nodes.push(svg('polyline', { points: points.join(' ') }));
    }
    chart.replaceChildren(...nodes);
    const last = scores.at(-1);
    chart.setAttribute('aria-label', scores.length === 0
      ? 'No scores yet'
      : `${scores.length} recent scores from ${fmtScore(Math.min(...scores.map((s) => s.score)))} to ${fmtScore(Math.max(...scores.map((s) => s.score)))}, latest ${fmtScore(last.score)}`);
  }

  // ---- start -------------------------------------------------------------------------------------------------------

  function start() {
    $('feed-filter').addEventListener('change', (event) => {
      state.feedFilter = event.target.value;
      for (const row of $('alert-feed').children) row.hidden = state.feedFilter !== 'all' && state.feedFilter !== row.dataset.domain;
    });
    $('entity-close').addEventListener('click', () => $('entity-dialog').close());
    $('entity-dialog').addEventListener('close', closeDrill);

    renderTopLists();
    renderDomainChart();
    renderRateChart();
    connectAlertStream(); // first, so nothing raised while the stored alerts load is missed; duplicates are dropped
    seedAlerts();
    pollEvery(SYSTEM_POLL_MS, pollSystem);
    pollEvery(MODELS_POLL_MS, pollModels);
  }

  start();
})();
