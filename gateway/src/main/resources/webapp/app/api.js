// The one way the app talks to Skillpath: the public /api/v1 through the gateway, on this origin.
import { session } from './session.js';

/** A refused or failed request, with the problem document the API answered (RFC 9457) when there is one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super((problem && (problem.detail || problem.title)) || fallback);
    this.status = status;
    this.problem = problem || null;
    this.type = problem && problem.type ? problem.type.split('/').pop() : null;
  }
}

let pending = 0;
let shown = null;

// A wait longer than 300 ms shows the progress bar; a quick answer never flashes it.
function busy(delta) {
  pending += delta;
  const bar = document.getElementById('progress');
  if (!bar) return;
  if (pending > 0 && !shown) {
    shown = setTimeout(() => { bar.hidden = false; }, 300);
  } else if (pending === 0) {
    clearTimeout(shown);
    shown = null;
    bar.hidden = true;
  }
}

const listeners = new Set();
/** Called with the error whenever the API answers 401: the session is over. */
export function onSignedOut(listener) {
  listeners.add(listener);
}

async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  busy(1);
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, navigator.onLine === false ? 'You are offline.' : 'Skillpath did not answer.');
  } finally {
    busy(-1);
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null
    : type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data, `${method} ${path} answered ${response.status}`);
    if (response.status === 401 && token) {
      session.signOut();
      listeners.forEach((l) => l(error));
    }
    throw error;
  }
  return data;
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body === undefined ? {} : body, options),
  put: (path, body, options) => request('PUT', path, body, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  delete: (path, options) => request('DELETE', path, undefined, options),
};

/** A query string from the defined values of an object: {q: 'x', page: 0} -> "?q=x&page=0". */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(String(value));
