// The app's shell: hash routes to screens (each its own module, loaded when first opened), the navigation bar,
// and what every screen shares (sign-in state, errors said plainly, focus moved to the new content).
import { h, mount } from './dom.js';
import { onSignedOut } from './api.js';
import { announce, failure } from './ui.js';
import { session } from './session.js';

// path pattern -> [module, export, needs a signed-in user]
const ROUTES = [
  ['/', 'dashboard', 'render', true],
  ['/signin', 'signin', 'render', false],
  ['/graph', 'graph', 'render', false],
  ['/skills/:slug', 'skill', 'render', false],
  ['/lessons/:slug', 'lesson', 'render', false],
  ['/quizzes/:id', 'quiz', 'render', true],
  ['/attempts/:id', 'quiz', 'attempt', true],
  ['/practice', 'practice', 'render', true],
  ['/search', 'search', 'render', false],
  ['/author/questions', 'bank', 'render', true],
];

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, module, fn, signedIn] of ROUTES) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    if (want.every((w, i) => (w.startsWith(':') ? (params[w.slice(1)] = decodeURIComponent(parts[i])) : w === parts[i]))) {
      return { module, fn, signedIn, params };
    }
  }
  return null;
}

function location() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function navigate(path) {
  if (window.location.hash === `#${path}`) route();
  else window.location.hash = path;
}

function drawNav() {
  const user = session.user();
  const here = location().path;
  const link = (href, text) => h('a', { href: `#${href}`, 'aria-current': here === href ? 'page' : null }, text);
  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const q = form.elements.q.value.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  } },
  h('label', { for: 'nav-q', class: 'visually-hidden' }, 'Search lessons'),
  h('input', { id: 'nav-q', name: 'q', type: 'search', placeholder: 'Search lessons', autocomplete: 'off' }));
  mount(document.getElementById('nav'),
    user ? link('/', 'Dashboard') : null,
    link('/graph', 'Skills'),
    user ? link('/practice', 'Practice') : null,
    session.isAuthor() ? link('/author/questions', 'Question bank') : null,
    form,
    user
      ? h('span', { class: 'who' }, h('span', { class: 'muted' }, user.id), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { session.signOut(); navigate('/signin'); } }, 'Sign out'))
      : link('/signin', 'Sign in'));
}

let leaving = [];
let generation = 0;

async function route() {
  const { path, query } = location();
  const target = match(path);
  const main = document.getElementById('main');
  leaving.forEach((fn) => { try { fn(); } catch { /* a screen's cleanup must not stop the next screen */ } });
  leaving = [];
  const mine = ++generation;
  drawNav();
  if (!target) {
    mount(main, h('h1', null, 'Not found'), h('p', null, 'No page here. ', h('a', { href: '#/' }, 'Go to the dashboard')));
    return;
  }
  if (target.signedIn && !session.token()) {
    sessionStorage.setItem('skillpath.after-signin', `${path}${query.toString() ? `?${query}` : ''}`);
    navigate('/signin');
    return;
  }
  const controller = new AbortController();
  leaving.push(() => controller.abort());
  const ctx = {
    params: target.params,
    query,
    navigate,
    announce,
    signal: controller.signal,
    onLeave: (fn) => leaving.push(fn),
    current: () => mine === generation,
  };
  try {
    const screen = await import(`./screens/${target.module}.js`);
    const node = await screen[target.fn](ctx);
    if (mine !== generation) return; // the reader went elsewhere meanwhile
    mount(main, node);
    // when each screen was first drawn, for the browser tests' Navigation Timing figures
    performance.mark(`screen:${target.module}`);
  } catch (error) {
    if (mine !== generation || error.name === 'AbortError') return;
    mount(main, failure(error));
  }
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

onSignedOut(() => {
  announce('Your session ended; sign in again.');
  navigate('/signin');
});

window.addEventListener('hashchange', route);
route();
