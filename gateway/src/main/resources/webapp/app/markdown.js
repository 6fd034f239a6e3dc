// Lesson Markdown to DOM nodes, safely: a small block parser and inline tokenizer that build every element with h(),
// so raw HTML in a lesson stays text and only http(s), relative and # links become links.
import { h } from './dom.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,12})([-*+]|\d{1,9}[.)])(?:\s+|$)(.*)$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

const blank = (line) => line.trim() === '';

/** Markdown text -> a DocumentFragment of safe nodes. */
export function render(markdown) {
  const fragment = document.createDocumentFragment();
  fragment.append(...blocks(String(markdown || '').replace(/\r\n?/g, '\n').split('\n')));
  return fragment;
}

const isTable = (line, next) => line.includes('|') && next !== undefined && next.includes('-') && TABLE_DIVIDER.test(next);

// Lines that start a block of their own, so a paragraph ends before them.
function startsBlock(line, next) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line) || isTable(line, next);
}

function blocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (blank(line)) {
      i += 1;
    } else if ((m = FENCE.exec(line))) {
      i = fenced(lines, i, m, out);
    } else if ((m = HEADING.exec(line))) {
      // The page's title is its only h1, so a body's "# x" becomes an h2.
      out.push(h(`h${Math.max(2, m[1].length)}`, null, inline(m[2] || '')));
      i += 1;
    } else if (RULE.test(line)) {
      out.push(h('hr'));
      i += 1;
    } else if (QUOTE.test(line)) {
      const inner = [];
      while (i < lines.length && !blank(lines[i]) && (QUOTE.test(lines[i]) || inner.length)) {
        inner.push(lines[i].replace(QUOTE, ''));
        i += 1;
      }
      out.push(h('blockquote', null, blocks(inner)));
    } else if (ITEM.test(line)) {
      i = list(lines, i, out);
    } else if (isTable(line, lines[i + 1])) {
      i = table(lines, i, out);
    } else {
      i = paragraph(lines, i, out);
    }
  }
  return out;
}

function fenced(lines, start, match, out) {
  const [, marker, lang] = match;
  const code = [];
  let i = start + 1;
  while (i < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[i])) {
    code.push(lines[i]);
    i += 1;
  }
  const language = lang.replace(/[^\w-]/g, '');
  out.push(h('pre', { class: 'code', 'data-lang': language || null },
    h('code', { class: language ? `language-${language}` : null }, code.join('\n'))));
  return i + 1; // past the closing fence (or the end, when it was never closed)
}

function paragraph(lines, start, out) {
  const text = [];
  let i = start;
  while (i < lines.length && !blank(lines[i]) && (i === start || !startsBlock(lines[i], lines[i + 1]))) {
    text.push(lines[i].trimStart());
    i += 1;
  }
  out.push(h('p', null, inline(text.join('\n'))));
  return i;
}

function list(lines, start, out) {
  const first = ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items = [];
  let loose = false;
  const sibling = (line) => {
    const m = ITEM.exec(line || '');
    return m && m[1].length === indent && /\d/.test(m[2]) === ordered ? m : null;
  };
  let i = start;
  while (i < lines.length) {
    const m = sibling(lines[i]);
    if (!m) break;
    const offset = m[1].length + m[2].length + 1;
    const body = [m[3]];
    i += 1;
    // An item goes on while lines are indented under it (blank lines inside only when more follows).
    while (i < lines.length) {
      if (blank(lines[i])) {
        const next = lines.slice(i).find((l) => !blank(l));
        const lead = next ? next.length - next.trimStart().length : 0;
        if (!next || lead <= indent) break;
        loose = loose || !ITEM.test(next) || lead < offset;
        body.push('');
      } else if (lines[i].length - lines[i].trimStart().length > indent) {
        body.push(lines[i].slice(Math.min(offset, lines[i].length - lines[i].trimStart().length)));
      } else if (!startsBlock(lines[i], lines[i + 1]) && !blank(body[body.length - 1])) {
        body.push(lines[i]); // a lazy continuation of the item's paragraph
      } else {
        break;
      }
      i += 1;
    }
    items.push(body);
    while (i < lines.length && blank(lines[i]) && sibling(lines[i + 1])) {
      loose = true;
      i += 1;
    }
  }
  const startAt = ordered ? parseInt(first[2], 10) : 1;
  out.push(h(ordered ? 'ol' : 'ul', { start: ordered && startAt !== 1 ? startAt : null },
    items.map((body) => h('li', null, itemContent(body, loose)))));
  return i;
}

// A tight list's item shows its text without a paragraph around it, as Markdown does.
function itemContent(body, loose) {
  const nodes = blocks(body);
  return loose ? nodes : nodes.map((n) => (n.tagName === 'P' ? [...n.childNodes] : n));
}

function cells(row) {
  const trimmed = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function table(lines, start, out) {
  const head = cells(lines[start]);
  const align = cells(lines[start + 1]).map((c) => (/^:-+:$/.test(c) ? 'center' : /-:$/.test(c) ? 'right' : null));
  const rows = [];
  let i = start + 2;
  while (i < lines.length && !blank(lines[i]) && lines[i].includes('|')) {
    rows.push(cells(lines[i]));
    i += 1;
  }
  const cell = (tag, text, k) => h(tag, { class: align[k] ? `align-${align[k]}` : null }, inline(text || ''));
  out.push(h('div', { class: 'table-wrap' }, h('table', null,
    h('thead', null, h('tr', null, head.map((c, k) => cell('th', c, k)))),
    h('tbody', null, rows.map((r) => h('tr', null, head.map((_, k) => cell('td', r[k], k))))))));
  return i;
}

/** A link target the page may follow: http(s), a path or an in-page anchor; null for any other scheme. */
function safeHref(raw) {
  const url = raw.trim();
  if (url.startsWith('#')) return url;
  try {
    // Resolving first, as the browser would: "java\tscript:" and the like are caught by the parsed protocol.
    const parsed = new URL(url, window.location.href);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.origin === window.location.origin && !/^[a-z][\w+.-]*:/i.test(url) ? parsed.pathname + parsed.search + parsed.hash : parsed.href;
  } catch {
    return null;
  }
}

// The end of a bracketed link text starting at open, brackets nested; -1 if none.
function closingBracket(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '[') depth += 1;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

// [label](target "title") or ![alt](target) at i: {end, label, target, image} or null.
function linkAt(text, i) {
  const image = text[i] === '!';
  const open = image ? i + 1 : i;
  if (text[open] !== '[') return null;
  const close = closingBracket(text, open);
  if (close < 0 || text[close + 1] !== '(') return null;
  const m = /^\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'))?\s*\)/.exec(text.slice(close + 1));
  if (!m) return null;
  return { end: close + 1 + m[0].length, label: text.slice(open + 1, close), target: m[1].replace(/^<|>$/g, ''),
    title: m[2] ? m[2].slice(1, -1) : null, image };
}

// Where an emphasis closes, searching from "from" and skipping code spans and escapes; -1 if none.
function closer(text, from, delim) {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') { i += 1; continue; }
    if (text[i] === '`') {
      const run = /^`+/.exec(text.slice(i))[0];
      const end = text.indexOf(run, i + run.length);
      if (end > 0) { i = end + run.length - 1; continue; }
    }
    if (text.startsWith(delim, i) && !/\s/.test(text[i - 1]) && text[i + delim.length] !== delim[0]
      && (delim[0] !== '_' || !/\w/.test(text[i + delim.length] || ''))) return i;
  }
  return -1;
}

const EMPHASIS = [['**', 'strong'], ['__', 'strong'], ['~~', 'del'], ['*', 'em'], ['_', 'em']];

/** Inline Markdown -> an array of nodes and strings (strings become text nodes in h()). */
export function inline(text) {
  const out = [];
  let plain = '';
  const flush = () => { if (plain) out.push(plain); plain = ''; };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const rest = text.slice(i);
    let m;
    if (c === '\\' && text[i + 1] === '\n') {
      flush(); out.push(h('br')); i += 2;
    } else if (c === '\\' && PUNCTUATION.test(text[i + 1] || '')) {
      plain += text[i + 1]; i += 2;
    } else if (c === '`' && (m = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest))) {
      const code = m[2].replace(/\n/g, ' ');
      flush(); out.push(h('code', null, /^ .*[^ ] $/.test(code) ? code.slice(1, -1) : code)); i += m[0].length;
    } else if ((c === '[' || (c === '!' && text[i + 1] === '[')) && (m = linkAt(text, i))) {
      flush(); out.push(link(m, text.slice(i, m.end))); i = m.end;
    } else if (c === '<' && (m = /^<(https?:\/\/[^\s<>]+)>/i.exec(rest))) {
      flush(); out.push(link({ label: m[1], target: m[1] }, m[0], true)); i += m[0].length;
    } else if (c === ' ' && (m = /^ {2,}\n/.exec(rest))) {
      flush(); out.push(h('br')); i += m[0].length;
    } else if ((m = emphasisAt(text, i))) {
      flush(); out.push(m.node); i = m.end;
    } else {
      plain += c; i += 1;
    }
  }
  flush();
  return out;
}

function emphasisAt(text, i) {
  for (const [delim, tag] of EMPHASIS) {
    if (!text.startsWith(delim, i) || /\s/.test(text[i + delim.length] || ' ')) continue;
    // Intraword underscores (snake_case) are not emphasis.
    if (delim[0] === '_' && /\w/.test(text[i - 1] || '')) continue;
    const end = closer(text, i + delim.length + 1, delim);
    if (end > 0) return { node: h(tag, null, inline(text.slice(i + delim.length, end))), end: end + delim.length };
  }
  return null;
}

// A link or image whose target is safe; otherwise the Markdown as it was written, as text.
function link({ label, target, title, image }, source, literal = false) {
  const href = safeHref(target);
  if (!href) return source;
  const external = /^https?:/i.test(href);
  const content = literal ? label : inline(label);
  // Images are shown as links: the CSP loads images from this origin only, and lessons use none.
  return h('a', { href, title: title || null, rel: external ? 'noopener noreferrer' : null, class: image ? 'image-link' : null },
    image ? ['Image: ', label || target] : content);
}
