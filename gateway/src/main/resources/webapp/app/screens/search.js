// Search over published lessons: ranked results with the matched words highlighted, paging, and "did you mean"
// when the API corrected a misspelt query.
import { h } from '../dom.js';
import { api, query, seg } from '../api.js';
import { styles } from '../ui.js';

const PAGE_SIZE = 10;
const MAX_QUERY = 200; // the API refuses longer queries with a 400

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// The API's snippets are HTML-escaped text; this turns the escapes back into characters (as text, never markup).
function unescape(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A snippet with <mark>…</mark> around matches -> text nodes and <mark> elements; any other tag stays text. */
export function highlighted(snippet) {
  const parts = String(snippet || '').split(/(<mark>|<\/mark>)/);
  const out = [];
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? h('mark', null, unescape(part)) : unescape(part));
  }
  return out;
}

const searchPath = (q, page, skill) => `/search${query({ q, skill, page: page || null })}`;

function form(ctx, q, skill) {
  const input = h('input', { id: 'search-q', name: 'q', type: 'search', value: q, maxlength: MAX_QUERY,
    autocomplete: 'off', placeholder: 'e.g. binary search, "status code", git -merge' });
  return h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (text) ctx.navigate(searchPath(text, 0, skill));
    else input.focus();
  } },
  h('label', { for: 'search-q', class: 'visually-hidden' }, 'Search lessons'),
  input,
  h('button', { type: 'submit', class: 'primary' }, 'Search'));
}

function result(hit) {
  return h('li', { class: 'search-result' },
    h('h2', { class: 'result-title' }, h('a', { href: `#/lessons/${seg(hit.slug)}` }, highlighted(hit.titleHighlight || hit.title))),
    h('p', { class: 'snippet' }, highlighted(hit.snippet || hit.summary)),
    h('p', { class: 'result-meta' },
      hit.level ? h('span', { class: 'tag' }, hit.level) : null,
      (hit.skills || []).map((skill) => [' ', h('a', { class: 'tag skill-tag', href: `#/skills/${seg(skill.slug)}` }, skill.name)])));
}

// "Did you mean": the API has already run the corrected query when the typed one found nothing.
function suggestion(answer, typed, skill, found) {
  if (!answer.correctedQuery || answer.correctedQuery === typed) return null;
  return h('p', { class: 'did-you-mean' },
    found ? `No lesson matches “${typed}”. ` : null,
    'Did you mean ',
    h('a', { id: 'did-you-mean', href: `#${searchPath(answer.correctedQuery, 0, skill)}` }, answer.correctedQuery),
    '?', found ? ` Showing results for “${answer.correctedQuery}”.` : null);
}

function pager(answer, q, skill) {
  const pages = Math.ceil(answer.total / answer.size);
  if (pages <= 1) return null;
  const link = (page, text, rel) => h('a', { class: 'button', rel, href: `#${searchPath(q, page, skill)}` }, text);
  return h('nav', { class: 'pager row', 'aria-label': 'Result pages' },
    answer.page > 0 ? link(answer.page - 1, 'Previous', 'prev') : null,
    h('span', { class: 'muted' }, `Page ${answer.page + 1} of ${pages}`),
    answer.page + 1 < pages ? link(answer.page + 1, 'Next', 'next') : null);
}

function summary(answer, shown) {
  const first = answer.page * answer.size + 1;
  const range = answer.total > answer.items.length ? `${first}–${first + answer.items.length - 1} of ` : '';
  // beyond the lessons search ranks, the total is the database's estimate
  const total = answer.totalEstimated ? `about ${answer.total}` : `${answer.total}`;
  return h('p', { class: 'muted', id: 'search-total' },
    `${range}${total} lesson${answer.total === 1 ? '' : 's'} for “${shown}”`);
}

export async function render(ctx) {
  styles('content');
  const q = (ctx.query.get('q') || '').trim().slice(0, MAX_QUERY);
  const skill = ctx.query.get('skill') || null;
  const page = Math.max(0, parseInt(ctx.query.get('page'), 10) || 0);
  const head = [h('h1', null, 'Search lessons'), form(ctx, q, skill)];
  if (!q) {
    return h('div', { class: 'search-screen' }, head,
      h('p', { class: 'muted' }, 'Type a few words. Quotes find a phrase, "or" either word, and a minus sign leaves a word out.'));
  }
  const answer = await api.get(`/search${query({ q, skill, page, size: PAGE_SIZE })}`, { signal: ctx.signal });
  const shown = answer.correctedQuery || q;
  const found = answer.items.length > 0;
  ctx.announce(found ? `${answer.total} lessons found.` : 'No lessons found.');
  return h('div', { class: 'search-screen' }, head,
    suggestion(answer, q, skill, found),
    found
      ? [summary(answer, shown), h('ol', { class: 'search-results plain', start: answer.page * answer.size + 1 }, answer.items.map(result)),
        pager(answer, q, skill)]
      : h('p', { class: 'no-results' }, answer.page > 0 ? 'No more results. ' : `No lesson matches “${q}”. `,
        h('a', { href: '#/graph' }, 'Browse the skills'), ' instead.'));
}
