// What every screen shows the same way: announcements, errors, loading.
import { h } from './dom.js';
import { ApiError } from './api.js';

/** A short message in the live region (read out by screen readers), cleared after a while. */
export function announce(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { notice.textContent = ''; }, 6000);
}

/** A problem from the API, or any error, as a block the reader can act on. */
export function failure(error) {
  const problem = error instanceof ApiError ? error.problem : null;
  return h('div', { class: 'alert', role: 'alert' },
    h('strong', null, problem && problem.title ? problem.title : 'Something went wrong'),
    h('p', null, error.message || String(error)),
    error instanceof ApiError && error.status >= 500 ? h('p', { class: 'muted' }, 'Try again in a moment.') : null);
}

/** A status line while something slow loads (screens replace it with the content). */
export function loading(what) {
  return h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
}

/** Loads a screen's own stylesheet (app/screens/<name>.css) once; a link, so the CSP's style-src 'self' allows it. */
export function styles(name) {
  const href = `/app/screens/${name}.css`;
  if (!document.head.querySelector(`link[href="${href}"]`)) {
    document.head.append(h('link', { rel: 'stylesheet', href }));
  }
}
