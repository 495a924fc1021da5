import { activity, api, age, el, figure, fillRows, healthBadge, hideError, page, settings, showError, when } from './dashboard.js';

// The sync report: every site's last contact and health, what waits for it, and what it is busy with; sorted and
// filtered here, fetched again every refreshSeconds.

const SEVERITY = { red: 0, amber: 1, never: 2, green: 3 };
const SORT_VALUE = {
  name: site => site.name.toLowerCase(),
  type: site => site.type,
  lastContact: site => (site.lastContact ? Date.parse(site.lastContact) : -Infinity),
  health: site => SEVERITY[site.health],
  activity: site => activity(site),
};
const table = document.getElementById('sites');
const filter = document.getElementById('filter');
const health = document.getElementById('health');
let sites = [];
let sort = { key: 'health', ascending: true };

page(async () => {
  const { amberAfterSeconds, redAfterSeconds, refreshSeconds } = await settings();
  document.getElementById('thresholds').textContent = `A site is amber after ${age(amberAfterSeconds * 1000)} without `
    + `contact and red after ${age(redAfterSeconds * 1000)}. This page refreshes every ${refreshSeconds} seconds.`;
  table.querySelectorAll('th button').forEach(button => button.addEventListener('click', () => sortBy(button.dataset.key)));
  filter.addEventListener('input', render);
  health.addEventListener('change', render);
  await refresh(refreshSeconds);
});

async function refresh(refreshSeconds) {
  try {
    sites = await api('/api/dashboard/sites');
    hideError();
    document.getElementById('updated').textContent = `Updated at ${new Date().toLocaleTimeString('en-GB')}.`;
    render();
  } catch (error) {
    showError(error);
  }
  setTimeout(() => refresh(refreshSeconds), refreshSeconds * 1000);
}

function sortBy(key) {
  sort = { key, ascending: sort.key === key ? !sort.ascending : true };
  render();
}

function render() {
  const text = filter.value.trim().toLowerCase();
  const value = SORT_VALUE[sort.key] ?? (site => site[sort.key]);
  const shown = sites
    .filter(site => !health.value || site.health === health.value)
    .filter(site => !text || site.name.toLowerCase().includes(text) || String(site.id) === text)
    .sort((a, b) => (sort.ascending ? 1 : -1) * (compare(value(a), value(b)) || a.id - b.id));
  table.tHead.querySelectorAll('th').forEach(th => {
    const key = th.querySelector('button').dataset.key;
    th.setAttribute('aria-sort', key === sort.key ? (sort.ascending ? 'ascending' : 'descending') : 'none');
  });
  fillRows(table.tBodies[0], shown.map(row), 9, 'No site matches.');
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function row(site) {
  return el('tr', { 'data-site': site.id },
    el('th', { scope: 'row' }, el('a', { href: `site.html?id=${site.id}`, id: `site-${site.id}` }, `${site.name} (${site.id})`)),
    el('td', {}, site.type),
    el('td', {}, when(site.lastContact)),
    el('td', {}, healthBadge(site)),
    figure(site.queueLength),
    figure(site.centralCursorLag),
    figure(site.refusedRecords),
    figure(site.quarantinedRecords),
    el('td', {}, activity(site)));
}
