// Sign in. Locally the gateway's development issuer signs tokens for demo users; in a deployment (no issuer) a
// token from the identity provider is pasted instead. Either way the token stays in this tab's session only.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { session } from '../session.js';
import { failure } from '../ui.js';

function afterSignIn(ctx) {
  const next = sessionStorage.getItem('skillpath.after-signin') || '/';
  sessionStorage.removeItem('skillpath.after-signin');
  ctx.navigate(next === '/signin' ? '/' : next);
}

export async function render(ctx) {
  const status = h('div', { 'aria-live': 'polite' });
  let users = [];
  try {
    users = (await api.get('/auth/demo-users', { anonymous: true })).users || [];
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) status.append(failure(e));
  }
  const pick = async (user, button) => {
    button.disabled = true;
    status.replaceChildren();
    try {
      const answer = await api.post('/auth/token', { user }, { anonymous: true });
      session.signIn(answer.access_token);
      afterSignIn(ctx);
    } catch (e) {
      status.append(failure(e));
      button.disabled = false;
    }
  };
  const pasted = h('textarea', { id: 'token', name: 'token', rows: 3, cols: 40, autocomplete: 'off', spellcheck: 'false' });
  const paste = h('form', { onsubmit: (e) => {
    e.preventDefault();
    status.replaceChildren();
    try {
      session.signIn(pasted.value.trim());
      afterSignIn(ctx);
    } catch (err) {
      status.append(failure(err));
    }
  } },
  h('label', { class: 'field', for: 'token' }, h('span', null, 'Access token'), pasted),
  h('button', { type: 'submit', class: 'secondary' }, 'Sign in with this token'));

  return h('div', null,
    h('h1', null, 'Sign in'),
    status,
    users.length
      ? h('section', { class: 'card', 'aria-labelledby': 'demo-h' },
        h('h2', { id: 'demo-h' }, 'Demo users'),
        h('p', { class: 'muted' }, 'This Skillpath runs with the local development issuer. Pick who you are:'),
        h('div', { class: 'signin-users' }, users.map((u) => {
          const button = h('button', { type: 'button', class: 'primary', dataset: { user: u.user } },
            `${u.user} `, h('span', { class: 'tag' }, u.role));
          button.addEventListener('click', () => pick(u.user, button));
          return button;
        })))
      : h('p', null, 'Paste an access token from your identity provider.'),
    h('details', { class: 'card', open: users.length ? null : true }, h('summary', null, 'Use a token of your own'), paste));
}
