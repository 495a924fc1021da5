import { api, el, fillRows, hideError, number, page, settings, showError, when } from './dashboard.js';

// The resync jobs: a form per job to start it, and the latest executions with their progress, stop and restart.

const SHOWN = 30;
const RUNNING = ['STARTING', 'STARTED', 'STOPPING'];
let refreshSeconds = 30;
let timer;

page(async () => {
  refreshSeconds = (await settings()).refreshSeconds;
  document.querySelectorAll('form[data-job]').forEach(form => form.addEventListener('submit', start));
  await Promise.all([suggestions(), refresh()]);
});

async function suggestions() {
  const [sites, stores] = await Promise.all([api('/api/sites'), api('/api/stores')]);
  document.getElementById('site-ids').replaceChildren(...sites.filter(site => !site.retired)
    .map(site => el('option', { value: site.id }, site.name)));
  document.getElementById('store-ids').replaceChildren(...stores.map(store => el('option', { value: store.id }, store.name)));
}

async function start(event) {
  event.preventDefault();
  const form = event.target;
  const parameters = {};
  for (const input of form.querySelectorAll('input[name]')) {
    parameters[input.name] = input.type === 'checkbox' ? input.checked
      : 'number' in input.dataset ? Number(input.value) : input.value.trim();
  }
  try {
    const { executionId } = await api(`/api/jobs/${form.dataset.job}`, 'POST', parameters);
    hideError();
    document.getElementById('started').textContent = `Started ${form.dataset.job}: execution ${executionId}.`;
    form.reset();
    await refresh();
  } catch (error) {
    showError(error);
  }
}

async function act(job, action) {
  try {
    await api(`/api/jobs/${job.executionId}/${action}`, 'POST');
    hideError();
    document.getElementById('started').textContent = action === 'stop'
      ? `Asked execution ${job.executionId} to stop.` : `Restarted the run of execution ${job.executionId}.`;
    await refresh();
  } catch (error) {
    showError(error);
  }
}

/** Every two seconds while a job runs, so that its progress moves; otherwise every refreshSeconds. */
async function refresh() {
  clearTimeout(timer);
  let running = false;
  try {
    const jobs = (await api('/api/jobs')).sort((a, b) => b.executionId - a.executionId).slice(0, SHOWN);
    running = jobs.some(job => RUNNING.includes(job.status));
    // a run goes on from its latest execution only
    const latest = new Set(jobs.filter(job => !jobs.some(other => other.runId === job.runId
      && other.executionId > job.executionId)).map(job => job.executionId));
    fillRows(document.querySelector('#jobs tbody'), jobs.map(job => row(job, latest.has(job.executionId))), 9,
      'No job has run yet.');
  } catch (error) {
    showError(error);
  }
  timer = setTimeout(refresh, (running ? 2 : refreshSeconds) * 1000);
}

function row(job, latestOfItsRun) {
  const id = job.executionId;
  return el('tr', { 'data-execution': id },
    el('th', { scope: 'row' }, id),
    el('td', {}, job.jobName),
    el('td', {}, Object.entries(job.parameters ?? {}).map(([name, value]) => `${name} ${value}`).join(', ')),
    el('td', { class: 'status' }, job.status),
    el('td', { class: 'progress' },
      el('label', { for: `progress-${id}` }, progress(job)),
      // no value while the total is not known yet: an indeterminate bar
      el('progress', { id: `progress-${id}`, max: job.total || 1, value: job.total == null ? null : job.done })),
    el('td', {}, when(job.startedAt)),
    el('td', {}, job.endedAt ? when(job.endedAt) : ''),
    el('td', {}, job.exitStatus ?? ''),
    el('td', {}, actions(job, latestOfItsRun)));
}

function progress(job) {
  if (job.total == null) {
    return `${number(job.done)} records examined`;
  }
  const left = job.secondsLeft == null ? '' : `, about ${number(job.secondsLeft)} s left`;
  return `${number(job.done)} of ${number(job.total)} records${left}`;
}

function actions(job, latestOfItsRun) {
  const id = job.executionId;
  if (RUNNING.includes(job.status)) {
    return el('button', { type: 'button', id: `stop-${id}`, 'aria-label': `Stop execution ${id}`, onclick: () => act(job, 'stop') }, 'Stop');
  }
  if (latestOfItsRun && (job.status === 'STOPPED' || job.status === 'FAILED')) {
    return el('button', { type: 'button', id: `restart-${id}`, 'aria-label': `Restart execution ${id}`, onclick: () => act(job, 'restart') }, 'Restart');
  }
  return '';
}
