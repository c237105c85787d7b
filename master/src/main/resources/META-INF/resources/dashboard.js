// The master's dashboard: polls the registry once a second and runs queries. No build step,
// no external assets, so it works offline and behind kubectl port-forward.
'use strict';

const POLL_MS = 1000;

const $ = (selector) => document.querySelector(selector);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === undefined || text === null ? '' : String(text);
  if (className) td.className = className;
  return td;
}

function badge(text) {
  const td = document.createElement('td');
  const span = document.createElement('span');
  span.className = 'badge ' + text;
  span.textContent = text;
  td.appendChild(span);
  return td;
}

function ago(iso) {
  if (!iso) return '';
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return seconds < 1 ? 'just now' : seconds.toFixed(0) + ' s ago';
}

function renderGroups(groups) {
  const body = $('#groups tbody');
  body.replaceChildren(...groups.map((g) => {
    const tr = document.createElement('tr');
    tr.dataset.group = g.name;
    if (g.up === 0) tr.className = 'bad';
    tr.append(cell(g.name), cell(g.range), cell(g.workers, 'num'), cell(g.up, 'num'));
    return tr;
  }));
}

function renderWorkers(workers) {
  $('#no-workers').hidden = workers.length > 0;
  const body = $('#workers tbody');
  body.replaceChildren(...workers.map((w) => {
    const tr = document.createElement('tr');
    tr.dataset.id = w.id;
    tr.dataset.state = w.state;
    if (w.state !== 'UP') tr.className = 'bad';
    const state = badge(w.state);
    state.classList.add('state');
    tr.append(cell(w.id), cell(w.group), state, cell(w.inFlight, 'num'), cell(w.served, 'num'),
      cell(w.latencyMs.toFixed(2) + ' ms', 'num'), badge(w.breaker), cell(w.ejections, 'num'),
      cell(ago(w.lastSeen)), cell(w.url));
    return tr;
  }));
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

async function poll() {
  const status = $('#status');
  try {
    const [groups, workers] = await Promise.all([getJson('/api/groups'), getJson('/api/workers')]);
    renderGroups(groups);
    renderWorkers(workers);
    status.textContent = 'live · updated ' + new Date().toLocaleTimeString();
    status.classList.remove('error');
  } catch (e) {
    status.textContent = 'master unreachable: ' + e.message;
    status.classList.add('error');
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function renderAnswer(answer, tookMs) {
  const records = answer.records;
  $('#result-summary').textContent = records.length + ' record' + (records.length === 1 ? '' : 's')
    + (answer.partial ? ' (partial: some groups did not answer)' : '') + ' in ' + tookMs.toFixed(0) + ' ms';
  $('#records').hidden = false;
  $('#records tbody').replaceChildren(...records.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.record_id, 'num'), cell(r.name), cell(r.location), cell(r.year, 'num'));
    return tr;
  }));
  $('#shards').hidden = false;
  $('#shards tbody').replaceChildren(...answer.shards.details.map((d) => {
    const tr = document.createElement('tr');
    tr.append(cell(d.group), cell(d.worker), badge(d.status), cell(d.tookMs.toFixed(1) + ' ms', 'num'),
      cell(d.error || ''));
    return tr;
  }));
}

function renderProblem(problem) {
  const summary = $('#result-summary');
  summary.textContent = problem.status + ' ' + problem.title + ': ' + problem.detail;
  summary.className = 'error-text';
  $('#records').hidden = true;
  $('#shards').hidden = true;
}

async function query(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const field of ['name', 'location', 'year']) {
    const value = $('#query-' + field).value.trim();
    if (value) params.set(field, value);
  }
  $('#result-summary').className = '';
  const started = performance.now();
  try {
    const response = await fetch('/api/records?' + params, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (response.ok) renderAnswer(body, performance.now() - started);
    else renderProblem(body);
  } catch (e) {
    renderProblem({ status: '', title: 'Request failed', detail: e.message });
  }
}

$('#query-form').addEventListener('submit', query);
poll();
