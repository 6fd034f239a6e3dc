// Building the page from data without ever parsing HTML: text is always a text node, so nothing a lesson, a
// question or a skill name holds can become markup or script.

const SVG = 'http://www.w3.org/2000/svg';
// a link stays on this origin's routes and paths, or goes to http(s): never javascript:, data: or //elsewhere
const SAFE_HREF = /^(#|\/(?!\/)|https?:)/;

function apply(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'value' && 'value' in node) {
      node.value = value;
    } else if (key === 'checked' || key === 'disabled' || key === 'selected') {
      node[key] = Boolean(value);
      if (value) node.setAttribute(key, '');
    } else if (key === 'style' || key === 'srcdoc' || /HTML$/.test(key)) {
      throw new Error(`dom: ${key} is not allowed (CSP and escaping)`);
    } else if (key === 'href' && !SAFE_HREF.test(String(value))) {
      throw new Error(`dom: unsafe href ${value}`);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h('a', {href: '#/', class: 'x'}, 'text', otherNode). */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  apply(node, props);
  return append(node, children);
}

/** An SVG element. */
export function s(tag, props, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'style') throw new Error('dom: style is not allowed (CSP)');
    else if (key === 'href' && !SAFE_HREF.test(String(value))) throw new Error(`dom: unsafe href ${value}`);
    else node.setAttribute(key, String(value));
  }
  return append(node, children);
}

/** Replaces a node's children. */
export function mount(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A number as a percentage, 0.734 -> "73 %". */
export function percent(p) {
  return p === null || p === undefined || Number.isNaN(p) ? '–' : `${Math.round(p * 100)} %`;
}

/** A date and time in the reader's locale. */
export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A titled card of the page. */
export function section(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', null, title), ...children);
}
