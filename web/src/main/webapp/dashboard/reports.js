import { api, download, el, figure, fillRows, hideError, number, page, showError, when } from './dashboard.js';

// The reports across stores: each a table, a chart (ECharts, loaded by the page as the global `echarts`), a CSV
// download of the same query, and the stores it covers as of their last sync.

const ROWS_SHOWN = 500;
/** The latest query of each report: an answer to an earlier one that comes later is dropped, not shown over it. */
const latest = new Map();
const REPORTS = {
  'stock-on-hand': {
    columns: 4,
    row: line => el('tr', {}, el('td', {}, line.storeName), el('td', {}, line.locationId || 'no location'),
      el('td', {}, line.itemName ? `${line.itemName} (${line.itemId})` : line.itemId), figure(line.units)),
    chart: report => bars('Units in stock per store', sumByStore(report.rows, 'units')),
  },
  'stock-value': {
    columns: 2,
    row: line => el('tr', {}, el('td', {}, line.storeName), figure(line.value)),
    chart: report => bars('Value of stock on hand per store', sumByStore(report.rows, 'value')),
    total: report => `Total value across the system: ${number(report.total)}`,
  },
  'monthly-usage': {
    columns: 3,
    row: line => el('tr', {}, el('td', {}, line.storeName), el('td', {}, line.month), figure(line.units)),
    chart: report => usageLines(report.rows),
  },
};

page(async () => {
  const month = date => date.toISOString().slice(0, 7);
  const now = new Date();
  const usage = document.querySelector('[data-report="monthly-usage"] form');
  usage.from.value = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
  usage.to.value = month(now);
  const sections = [...document.querySelectorAll('section[data-report]')];
  sections.forEach(section => {
    section.querySelector('form').addEventListener('submit', event => {
      event.preventDefault();
      show(section).then(hideError, showError);
    });
    section.querySelector('a.csv').addEventListener('click', event => {
      event.preventDefault();
      download(event.currentTarget.getAttribute('href'), `${section.dataset.report}.csv`).catch(showError);
    });
  });
  // monthly usage is of one item: it waits for one
  await Promise.all(sections.filter(section => section.querySelector('form').checkValidity()).map(show));
});

async function show(section) {
  const name = section.dataset.report;
  const report = REPORTS[name];
  const query = new URLSearchParams([...new FormData(section.querySelector('form'))].filter(([, value]) => value));
  const asked = Symbol(name);
  latest.set(name, asked);
  const data = await api(`/api/reports/${name}?${query}`);
  if (latest.get(name) !== asked) {
    return;
  }
  query.set('format', 'csv');
  const csv = section.querySelector('a.csv');
  csv.setAttribute('href', `/api/reports/${name}?${query}`);
  csv.hidden = false;
  section.querySelector('.coverage').replaceChildren(coverage(data.asOf));
  if (report.total) {
    section.querySelector('.total').textContent = report.total(data);
  }
  const shown = data.rows.slice(0, ROWS_SHOWN).map(report.row);
  if (data.rows.length > ROWS_SHOWN) {
    shown.push(el('tr', {}, el('td', { colspan: report.columns }, `… and ${number(data.rows.length - ROWS_SHOWN)} rows more, in the CSV`)));
  }
  fillRows(section.querySelector('tbody'), shown, report.columns, 'Nothing to report.');
  const container = section.querySelector('.chart');
  const chart = echarts.getInstanceByDom(container) ?? echarts.init(container);
  // aria: ECharts describes the chart in the container's aria-label; the table holds the same figures
  chart.setOption({ aria: { enabled: true }, animation: false, tooltip: { trigger: 'axis' }, ...report.chart(data) }, true);
}

function coverage(asOf) {
  return el('details', {},
    el('summary', {}, `Covers ${asOf.length} store${asOf.length === 1 ? '' : 's'}, each as of its last sync`),
    el('ul', {}, asOf.map(store => el('li', {},
      `${store.storeName} (${store.storeId}): ${store.lastSync ? `last sync ${when(store.lastSync)}` : 'never synced'}`))));
}

function sumByStore(rows, field) {
  const sums = new Map();
  rows.forEach(row => sums.set(row.storeName, (sums.get(row.storeName) ?? 0) + Number(row[field])));
  return sums;
}

function bars(title, sums) {
  return {
    title: { text: title, textStyle: { fontSize: 14 } },
    grid: { containLabel: true, left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'category', data: [...sums.keys()], axisLabel: { rotate: sums.size > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: title, data: [...sums.values()] }],
  };
}

function usageLines(rows) {
  const months = [...new Set(rows.map(row => row.month))].sort();
  const stores = new Map();
  rows.forEach(row => {
    if (!stores.has(row.storeName)) {
      stores.set(row.storeName, new Map());
    }
    stores.get(row.storeName).set(row.month, Number(row.units));
  });
  return {
    title: { text: 'Units issued per month and store', textStyle: { fontSize: 14 } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { containLabel: true, left: 8, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: [...stores].map(([store, units]) => ({ type: 'line', name: store, data: months.map(m => units.get(m) ?? 0) })),
  };
}
