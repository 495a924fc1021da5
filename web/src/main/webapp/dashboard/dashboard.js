// What every page of the dashboard shares: the administrator's credentials (kept for this browser tab only), calls to
// the admin API with them, and small helpers that build elements from text (never from HTML) and format figures.

const CREDENTIALS = 'supplysync.credentials';

/** Keeps the credentials if the admin API takes them; otherwise answers why it did not. */
export async function signIn(user, password) {
  const credentials = base64(`${user}:${password}`);
  const response = await fetch('/api/dashboard/settings', request(credentials));
  if (response.status === 401) {
    return 'Wrong user name or password.';
  }
  if (!response.ok) {
    return await problem(response);
  }
  sessionStorage.setItem(CREDENTIALS, credentials);
  return null;
}

export function signOut() {
  sessionStorage.removeItem(CREDENTIALS);
  location.assign('login.html');
}

/** A call to the admin API as the administrator; a page whose credentials are missing or refused goes to the login. */
export async function api(path, method = 'GET', body = undefined) {
  const response = await authorised(path, method, body);
  const text = await response.text();
  return text && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : text || null;
}

/** Saves what the API answers as a file: a plain link would go without the credentials. */
export async function download(path, fileName) {
  const response = await authorised(path);
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

async function authorised(path, method = 'GET', body = undefined) {
  const credentials = sessionStorage.getItem(CREDENTIALS);
  const response = credentials && await fetch(path, request(credentials, method, body));
  if (!response || response.status === 401) {
    sessionStorage.removeItem(CREDENTIALS);
    const here = location.pathname.split('/').pop() + location.search;
    location.assign(`login.html?next=${encodeURIComponent(here)}`);
    return new Promise(() => {});
  }
  if (!response.ok) {
    throw new Error(await problem(response));
  }
  return response;
}

// credentials 'omit': the browser neither adds credentials of its own nor asks for them with its own dialog on a 401
function request(credentials, method = 'GET', body = undefined) {
  const headers = { Authorization: `Basic ${credentials}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) };
}

async function problem(response) {
  const text = await response.text();
  try {
    const details = JSON.parse(text);
    return details.detail ?? details.title ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status} ${response.statusText}`;
  }
}

function base64(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** The thresholds of health (amberAfterSeconds, redAfterSeconds) and how often pages refresh (refreshSeconds). */
export function settings() {
  return api('/api/dashboard/settings');
}

const PAGES = [['index.html', 'Sync report'], ['jobs.html', 'Jobs'], ['reports.html', 'Reports']];

/** Every page but the login: the navigation with its sign-out button, and errors shown where the page keeps them. */
export function page(load) {
  const here = location.pathname.split('/').pop() || 'index.html';
  document.body.prepend(el('header', {}, el('nav', { 'aria-label': 'Dashboard' },
    el('span', { class: 'brand' }, 'supplysync'),
    PAGES.map(([file, name]) => el('a', { href: file, 'aria-current': file === here ? 'page' : null }, name)),
    el('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: signOut }, 'Sign out'))));
  return load().catch(showError);
}

export function showError(error) {
  const box = document.getElementById('error');
  box.textContent = error.message ?? String(error);
  box.hidden = false;
}

/** Once a call succeeds again, the last error no longer stands. */
export function hideError() {
  document.getElementById('error').hidden = true;
}

/** An element with attributes (on* ones are listeners) and children (text or elements). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value != null && value !== false) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.flat().filter(child => child != null).map(c => (c instanceof Node ? c : String(c))));
  return element;
}

/** Replaces a table's rows; a control focused in the old rows is focused again in the new ones (by its id). */
export function fillRows(tbody, rows, columns, empty) {
  const focused = tbody.contains(document.activeElement) ? document.activeElement.id : null;
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: columns }, empty))]));
  if (focused) {
    document.getElementById(focused)?.focus();
  }
}

/** A cell of figures, right-aligned. */
export function figure(value) {
  return el('td', { class: 'number' }, number(value));
}

export function number(value) {
  return value == null ? '' : Number(value).toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

/** "31 days", "5 hours", "1 minute". */
export function age(milliseconds) {
  for (const [unit, size] of [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]]) {
    const count = Math.floor(milliseconds / size);
    if (count >= 1) {
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}

/** The health of a site in words, not in colour only: "red — no contact for 31 days". */
export function healthText(site, now = Date.now()) {
  const since = site.lastContact ? age(now - Date.parse(site.lastContact)) : '';
  switch (site.health) {
    case 'never': return 'never — no contact yet';
    case 'green': return `green — last contact ${since} ago`;
    default: return `${site.health} — no contact for ${since}`;
  }
}

export function healthBadge(site) {
  return el('span', { class: `badge ${site.health}` }, healthText(site));
}

/** What a site is busy with: an integration of what it pushed, or its initialisation. */
export function activity(site) {
  if (site.status === 'integration_in_progress') {
    return 'integration in progress';
  }
  if (site.status === 'initialisation_in_progress' || site.initialisationStatus === 'started') {
    return 'initialisation in progress';
  }
  return site.initialisationStatus === 'error' ? 'initialisation failed' : 'idle';
}
