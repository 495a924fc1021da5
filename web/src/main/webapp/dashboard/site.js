import { activity, api, el, figure, fillRows, healthBadge, number, page, when } from './dashboard.js';

// One site: its state, its recent sync sessions, and the records it pushed that were refused or quarantined.

const id = new URLSearchParams(location.search).get('id');

page(async () => {
  const [sites, syncs, refusals, quarantined] = await Promise.all([
    api('/api/dashboard/sites'),
    api(`/api/sites/${encodeURIComponent(id)}/syncs?limit=50`),
    api(`/api/sites/${encodeURIComponent(id)}/refusals`),
    api(`/api/quarantine?site=${encodeURIComponent(id)}`),
  ]);
  const site = sites.find(s => String(s.id) === id);
  if (!site) {
    throw new Error(`There is no site ${id}.`);
  }
  document.title = `${site.name} — supplysync dashboard`;
  document.getElementById('site-name').textContent = `Site ${site.name} (${site.id})`;
  document.getElementById('summary').replaceChildren(
    ...entry('Type', site.type), ...entry('Health', healthBadge(site)),
    ...entry('Last contact', when(site.lastContact)), ...entry('In progress', activity(site)),
    ...entry('Queue', number(site.queueLength)), ...entry('Central cursor lag', number(site.centralCursorLag)),
    ...entry('Refused records', number(site.refusedRecords)),
    ...entry('Quarantined records', number(site.quarantinedRecords)));
  document.getElementById('refusals-link').textContent = `Refused records (${number(site.refusedRecords)})`;
  document.getElementById('quarantine-link').textContent = `Quarantined records (${number(site.quarantinedRecords)})`;

  fillRows(document.getElementById('sync-rows'), syncs.map(sync => el('tr', {},
    el('td', {}, when(sync.startedAt)), figure(sync.pushed), figure(sync.pulled), figure(sync.acknowledged),
    figure(sync.refused), el('td', { class: 'number' }, seconds(sync.durationMs)), el('td', {}, sync.error ?? ''))),
  7, 'No sync recorded yet.');
  fillRows(document.getElementById('refusal-rows'), refusals.map(refusal => el('tr', {},
    el('td', {}, when(refusal.refusedAt)), el('td', {}, refusal.tableName), el('td', {}, refusal.recordId),
    el('td', {}, refusal.reason), el('td', {}, refusal.resubmittedAt ? when(refusal.resubmittedAt) : 'no'))),
  5, 'No refused record.');
  fillRows(document.getElementById('quarantine-rows'), quarantined.map(record => el('tr', {},
    el('td', {}, when(record.firstSeen)), el('td', {}, when(record.lastSeen)), el('td', {}, record.tableName),
    el('td', {}, record.recordId), el('td', {}, record.error), figure(record.attempts))),
  6, 'No quarantined record.');
});

function entry(term, description) {
  return [el('dt', {}, term), el('dd', {}, description)];
}

function seconds(milliseconds) {
  return milliseconds == null ? '' : `${(milliseconds / 1000).toFixed(1)} s`;
}
