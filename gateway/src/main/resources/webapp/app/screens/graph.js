// The skills graph: each skill a node in a layer by prerequisite depth, each requirement an arrow from the
// prerequisite to the skill that needs it, the learner's state as colour, outline and mark; pan and zoom move
// the SVG viewBox. The same data is offered as a table below for screen readers and small screens.
import { h, s, percent } from '../dom.js';
import { api, seg } from '../api.js';
import { session } from '../session.js';
import { failure, styles } from '../ui.js';

const NODE_W = 184;
const NODE_H = 58;
const COL_GAP = 110;
const ROW_GAP = 16;
const DUMMY_H = 16; // a long arrow's waypoint takes a thin slot in the layers it crosses
const PAD = 40;
const SWEEPS = 16;

// The mark and outline repeat the colour's meaning, so the state never rests on colour alone.
const STATES = {
  mastered: { label: 'Mastered', mark: '✓' },
  'review-due': { label: 'Review due', mark: '↻' },
  learning: { label: 'Learning', mark: '◐' },
  ready: { label: 'Ready to learn', mark: '→' },
  'not-started': { label: 'Not started', mark: '' },
};

const LEVELS = { foundation: 0, intermediate: 1, advanced: 2 };

// Arrows run prerequisite -> skill; only requires and recommends are drawn (alternatives and parts are not order).
// A relation reads "skill requires target", so the arrow starts at the target.
function edgesOf(relations) {
  return relations.filter((r) => r.type === 'requires' || r.type === 'recommends')
    .map((r) => ({ from: r.target, to: r.skill, type: r.type }));
}

async function learnerStates(signal) {
  const [mastery, frontier] = await Promise.all([
    api.get('/learners/me/mastery', { signal }),
    api.get('/learners/me/frontier', { signal }),
  ]);
  const ready = new Set((frontier.skills || []).map((e) => e.skill.slug));
  const rows = new Map((mastery.skills || []).map((m) => [m.skill.slug, m]));
  return (slug) => {
    const m = rows.get(slug);
    // An estimate moved only through the graph is not learning yet: the learner has not worked on the skill itself.
    const key = m && (m.state !== 'learning' || m.evidence === 'direct') ? m.state : ready.has(slug) ? 'ready' : 'not-started';
    return { key: STATES[key] ? key : 'not-started', probability: m ? m.probabilityNow : null };
  };
}

// layer = the longest chain of requirements below a skill (the requires graph is acyclic by contract).
function layersOf(skills, requires) {
  const below = new Map(skills.map((sk) => [sk.slug, []]));
  requires.forEach((e) => below.get(e.to).push(e.from));
  const layer = new Map();
  const depth = (slug) => {
    if (!layer.has(slug)) {
      layer.set(slug, 0); // guards against a cycle the API should never return
      layer.set(slug, Math.max(-1, ...below.get(slug).map(depth)) + 1);
    }
    return layer.get(slug);
  };
  skills.forEach((sk) => depth(sk.slug));
  return layer;
}

function crossings(upper, lower, links) {
  const pos = new Map([...upper, ...lower].map((id, i) => [id, i]));
  const segs = links.filter(([a, b]) => upper.includes(a) && lower.includes(b)).map(([a, b]) => [pos.get(a), pos.get(b)]);
  let n = 0;
  segs.forEach(([a1, b1], i) => segs.slice(i + 1).forEach(([a2, b2]) => { if ((a1 - a2) * (b1 - b2) < 0) n++; }));
  return n;
}

// Barycentre sweeps, down and up, keeping the order with the fewest crossings.
function orderLayers(layers, links) {
  const ups = new Map();
  const downs = new Map();
  links.forEach(([a, b]) => {
    (downs.get(a) || downs.set(a, []).get(a)).push(b);
    (ups.get(b) || ups.set(b, []).get(b)).push(a);
  });
  const total = () => layers.slice(1).reduce((n, L, i) => n + crossings(layers[i], L, links), 0);
  let best = layers.map((L) => [...L]);
  let fewest = total();
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const down = sweep % 2 === 0;
    const indices = layers.map((_, i) => i);
    for (const i of down ? indices.slice(1) : indices.slice(0, -1).reverse()) {
      const near = layers[down ? i - 1 : i + 1];
      const neighbours = down ? ups : downs;
      const key = new Map(layers[i].map((id, at) => {
        const ns = (neighbours.get(id) || []).map((n) => near.indexOf(n));
        return [id, ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : at];
      }));
      layers[i].sort((a, b) => key.get(a) - key.get(b));
    }
    const n = total();
    if (n < fewest) { fewest = n; best = layers.map((L) => [...L]); }
  }
  return best;
}

// A layered drawing: long requirements get waypoints in the layers they cross, so the sweeps can untangle them.
function layout(skills, edges, categoryOrder) {
  const requires = edges.filter((e) => e.type === 'requires');
  const layer = layersOf(skills, requires);
  const sorted = [...skills].sort((a, b) => (categoryOrder.get(a.category) ?? 99) - (categoryOrder.get(b.category) ?? 99)
    || LEVELS[a.level] - LEVELS[b.level] || a.name.localeCompare(b.name));
  const layers = Array.from({ length: Math.max(0, ...layer.values()) + 1 }, () => []);
  sorted.forEach((sk) => layers[layer.get(sk.slug)].push(sk.slug));
  const links = [];
  const routes = new Map();
  requires.forEach((e) => {
    const chain = [e.from];
    for (let l = layer.get(e.from) + 1; l < layer.get(e.to); l++) {
      const dummy = `${e.from}>${e.to}@${l}`;
      layers[l].push(dummy);
      chain.push(dummy);
    }
    chain.push(e.to);
    chain.slice(1).forEach((id, i) => links.push([chain[i], id]));
    routes.set(e, chain);
  });
  const ordered = orderLayers(layers, links);
  const slot = (id) => (id.includes('@') ? DUMMY_H : NODE_H + ROW_GAP);
  const heights = ordered.map((L) => L.reduce((sum, id) => sum + slot(id), 0));
  const tallest = Math.max(...heights);
  const at = new Map();
  ordered.forEach((L, l) => {
    let y = PAD + (tallest - heights[l]) / 2;
    L.forEach((id) => { at.set(id, { x: PAD + l * (NODE_W + COL_GAP), y }); y += slot(id); });
  });
  return { at, layer, routes, width: PAD * 2 + ordered.length * (NODE_W + COL_GAP) - COL_GAP, height: PAD * 2 + tallest };
}

// Where an arrow leaves or enters a node: spread over its side in the order of the other ends, so arrows do not pile up.
function ports(paths, at) {
  const spread = (list, side) => {
    const bySlug = new Map();
    list.forEach((p) => (bySlug.get(p[side].id) || bySlug.set(p[side].id, []).get(p[side].id)).push(p));
    bySlug.forEach((ps, id) => {
      ps.sort((a, b) => a[side === 'start' ? 'next' : 'prev'].y - b[side === 'start' ? 'next' : 'prev'].y);
      ps.forEach((p, i) => { p[side].y = at.get(id).y + NODE_H * ((i + 1) / (ps.length + 1)); });
    });
  };
  spread(paths, 'start');
  spread(paths, 'end');
}

function curve(points) {
  return points.reduce((d, p, i) => {
    if (i === 0) return `M${p.x},${p.y}`;
    const q = points[i - 1];
    if (p.y === q.y) return `${d} L${p.x},${p.y}`;
    const dx = Math.max(40, Math.abs(p.x - q.x) / 2);
    return `${d} C${q.x + dx},${q.y} ${p.x - dx},${p.y} ${p.x},${p.y}`;
  }, '');
}

function edgePaths(edges, drawing) {
  const { at, routes } = drawing;
  const paths = edges.map((e) => {
    const via = (routes.get(e) || [e.from, e.to]).slice(1, -1).flatMap((id) => {
      const p = at.get(id);
      return [{ x: p.x, y: p.y + DUMMY_H / 2 }, { x: p.x + NODE_W, y: p.y + DUMMY_H / 2 }];
    });
    const a = at.get(e.from);
    const b = at.get(e.to);
    const start = { id: e.from, x: a.x + NODE_W, y: a.y + NODE_H / 2 };
    const end = { id: e.to, x: b.x - 6, y: b.y + NODE_H / 2 };
    return { e, start, end, via, next: via[0] || end, prev: via[via.length - 1] || start };
  });
  ports(paths, at);
  return paths.map(({ e, start, end, via }) => s('path', {
    class: ['edge', e.type], d: curve([start, ...via, end]), 'marker-end': `url(#arrow-${e.type})`,
    'data-from': e.from, 'data-to': e.to,
  }));
}

function wrap(text, max) {
  const lines = [''];
  text.split(/\s+/).forEach((word) => {
    const line = lines[lines.length - 1];
    if (line && `${line} ${word}`.length > max) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  });
  return lines.length > 2 ? [lines[0], `${lines[1].slice(0, max - 1)}…`] : lines;
}

function nodeOf(skill, p, state) {
  const info = STATES[state.key];
  const lines = wrap(skill.name, 19);
  const sub = [skill.level, state.probability === null ? null : percent(state.probability)].filter(Boolean).join(' · ');
  const spoken = [skill.name, state.anonymous ? null : info.label, state.probability === null ? null : `estimate ${percent(state.probability)}`];
  return s('a', { href: `#/skills/${seg(skill.slug)}`, class: ['node', `state-${state.key}`], 'data-skill': skill.slug,
    'data-category': skill.category, 'aria-label': spoken.filter(Boolean).join(', ') },
  s('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 8 }),
  s('text', { class: 'name', x: p.x + 10, y: p.y + (lines.length > 1 ? 19 : 25) },
    lines.map((line, i) => s('tspan', { x: p.x + 10, dy: i ? 15 : 0 }, line))),
  s('text', { class: 'sub', x: p.x + 10, y: p.y + NODE_H - 8 }, sub),
  info.mark ? s('text', { class: 'mark', x: p.x + NODE_W - 9, y: p.y + 19, 'text-anchor': 'end' }, info.mark) : null);
}

// Tab goes column by column, top to bottom, as the nodes are drawn.
const readingOrder = (skills, at) => [...skills].sort((a, b) => at.get(a.slug).x - at.get(b.slug).x || at.get(a.slug).y - at.get(b.slug).y);

function markers() {
  return s('defs', null, ['requires', 'recommends'].map((type) => s('marker', {
    id: `arrow-${type}`, class: ['arrowhead', type], viewBox: '0 0 10 10', refX: 1, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,0 L10,5 L0,10 z' }))));
}

// Pan and zoom by moving the viewBox, kept at the element's own aspect so one screen pixel is one known unit.
function viewport(svg, content) {
  const view = { x: 0, y: 0, w: content.width };
  const aspect = () => (svg.clientHeight || 1) / (svg.clientWidth || 1);
  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.w * aspect()}`);
  const clampW = (w) => Math.min(Math.max(w, 240), Math.max(content.width, content.height / aspect()) * 2);
  const unitsPerPx = () => view.w / (svg.clientWidth || 1);
  return {
    apply,
    unitsPerPx,
    // Fits a box; minScale keeps text readable on a narrow screen, showing the box's start instead of all of it.
    fit(box = { x: 0, y: 0, w: content.width, h: content.height }, minScale = 0) {
      const wanted = Math.max(box.w, box.h / aspect());
      view.w = clampW(minScale ? Math.min(wanted, (svg.clientWidth || 1) / minScale) : wanted);
      view.x = view.w < box.w ? box.x : box.x + (box.w - view.w) / 2;
      view.y = box.y + (box.h - view.w * aspect()) / 2;
      apply();
    },
    zoom(factor, ux = view.x + view.w / 2, uy = view.y + (view.w * aspect()) / 2) {
      const w = clampW(view.w * factor);
      view.x = ux - (ux - view.x) * (w / view.w);
      view.y = uy - (uy - view.y) * (w / view.w);
      view.w = w;
      apply();
    },
    pan(dx, dy) { view.x += dx; view.y += dy; apply(); },
    // A point of the screen in drawing units.
    at(clientX, clientY) {
      const r = svg.getBoundingClientRect();
      return [view.x + (clientX - r.left) * unitsPerPx(), view.y + (clientY - r.top) * unitsPerPx()];
    },
    // Centres a box that is not wholly in view.
    reveal(b) {
      const height = view.w * aspect();
      if (b.x >= view.x && b.y >= view.y && b.x + b.w <= view.x + view.w && b.y + b.h <= view.y + height) return;
      view.x = b.x + b.w / 2 - view.w / 2;
      view.y = b.y + b.h / 2 - height / 2;
      apply();
    },
  };
}

// Drag (one pointer) pans, two pointers pinch-zoom, the wheel zooms at the pointer, keys pan and zoom.
function interactions(svg, vp) {
  const pointers = new Map();
  let moved = 0;
  svg.addEventListener('pointerdown', (e) => { pointers.set(e.pointerId, [e.clientX, e.clientY]); moved = 0; });
  svg.addEventListener('pointermove', (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    if (pointers.size === 2) {
      const [other] = [...pointers].filter(([id]) => id !== e.pointerId).map(([, p]) => p);
      const before = Math.hypot(last[0] - other[0], last[1] - other[1]);
      const after = Math.hypot(e.clientX - other[0], e.clientY - other[1]);
      if (before > 0 && after > 0) vp.zoom(before / after, ...vp.at((e.clientX + other[0]) / 2, (e.clientY + other[1]) / 2));
    } else {
      vp.pan((last[0] - e.clientX) * vp.unitsPerPx(), (last[1] - e.clientY) * vp.unitsPerPx());
    }
    moved += Math.abs(last[0] - e.clientX) + Math.abs(last[1] - e.clientY);
    // Captured only once it is a drag: capturing at once would send the click to the SVG, not the node's link.
    if (moved > 4 && !svg.hasPointerCapture(e.pointerId)) svg.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
  });
  const release = (e) => pointers.delete(e.pointerId);
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  // A drag ends in a click on whatever is under the pointer; it must not open that skill.
  svg.addEventListener('click', (e) => {
    if (moved > 4) { e.preventDefault(); e.stopPropagation(); }
    moved = 0;
  }, true);
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const px = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    vp.zoom(Math.exp(Math.max(-100, Math.min(100, px)) * 0.002), ...vp.at(e.clientX, e.clientY));
  }, { passive: false });
  svg.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = 60 * vp.unitsPerPx();
    const keys = {
      ArrowLeft: () => vp.pan(-step, 0), ArrowRight: () => vp.pan(step, 0),
      ArrowUp: () => vp.pan(0, -step), ArrowDown: () => vp.pan(0, step),
      '+': () => vp.zoom(1 / 1.25), '=': () => vp.zoom(1 / 1.25), '-': () => vp.zoom(1.25), 0: () => vp.fit(),
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
  // A node reached with Tab is brought into view.
  svg.addEventListener('focusin', (e) => {
    const node = e.target.closest && e.target.closest('a.node');
    const rect = node && node.querySelector('rect');
    if (!rect) return;
    vp.reveal({ x: +rect.getAttribute('x'), y: +rect.getAttribute('y'), w: NODE_W, h: NODE_H });
  });
}

function legend(signedIn) {
  const swatch = (key) => s('svg', { class: 'swatch', viewBox: '0 0 28 18', width: 28, height: 18, 'aria-hidden': 'true' },
    s('g', { class: ['node', `state-${key}`] }, s('rect', { x: 1, y: 1, width: 26, height: 16, rx: 4 }),
      s('text', { class: 'mark', x: 14, y: 13, 'text-anchor': 'middle' }, STATES[key].mark)));
  const line = (type) => s('svg', { class: 'swatch', viewBox: '0 0 40 12', width: 40, height: 12, 'aria-hidden': 'true' },
    s('path', { class: ['edge', type], d: 'M1,6 L30,6', 'marker-end': `url(#arrow-${type})` }));
  return h('ul', { class: 'graph-legend', 'aria-label': 'Legend' },
    signedIn ? Object.keys(STATES).map((key) => h('li', null, swatch(key), STATES[key].label)) : null,
    h('li', null, line('requires'), 'required first'),
    h('li', null, line('recommends'), 'recommended first (dashed)'));
}

function table(skills, categories, stateOf, edges, layer, signedIn) {
  const names = new Map(skills.map((sk) => [sk.slug, sk.name]));
  const link = (slug) => h('a', { href: `#/skills/${seg(slug)}` }, names.get(slug));
  const rows = [...skills].sort((a, b) => layer.get(a.slug) - layer.get(b.slug) || a.name.localeCompare(b.name));
  const heads = ['Skill', 'Category', 'Level', signedIn && 'State', signedIn && 'Estimate', 'Requires'].filter(Boolean);
  const cells = (sk) => {
    const st = stateOf(sk.slug);
    const reqs = edges.filter((e) => e.to === sk.slug && e.type === 'requires');
    return [
      h('td', null, categories.get(sk.category) || sk.category),
      h('td', null, sk.level),
      signedIn && h('td', null, h('span', { class: ['tag', `state-${st.key}`] }, `${STATES[st.key].mark} ${STATES[st.key].label}`.trim())),
      signedIn && h('td', null, percent(st.probability)),
      h('td', null, reqs.length ? reqs.map((e, i) => [i ? ', ' : '', link(e.from)]) : '–'),
    ];
  };
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Skills table' },
    h('table', { id: 'skills-table' },
      h('thead', null, h('tr', null, heads.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map((sk) => h('tr', { 'data-category': sk.category },
        h('th', { scope: 'row' }, link(sk.slug)), cells(sk))))));
}

// Dims what is outside the category and fits the view to what is in it.
function filterBy(category, svg, vp, drawing, status) {
  const inside = (el) => !category || el.dataset.category === category;
  const kept = new Set();
  svg.querySelectorAll('a.node').forEach((a) => {
    a.classList.toggle('dim', !inside(a));
    if (inside(a)) kept.add(a.dataset.skill);
  });
  svg.querySelectorAll('path.edge').forEach((p) => p.classList.toggle('dim', !kept.has(p.dataset.from) && !kept.has(p.dataset.to)));
  const boxes = [...kept].map((slug) => drawing.at.get(slug));
  document.querySelectorAll('#skills-table tbody tr').forEach((tr) => { tr.hidden = !inside(tr); });
  const x = Math.min(...boxes.map((b) => b.x)) - PAD;
  const y = Math.min(...boxes.map((b) => b.y)) - PAD;
  vp.fit({ x, y, w: Math.max(...boxes.map((b) => b.x)) + NODE_W + PAD - x, h: Math.max(...boxes.map((b) => b.y)) + NODE_H + PAD - y });
  status.textContent = category ? `${boxes.length} skills in this category` : '';
}

export async function render(ctx) {
  styles('graph');
  const { signal } = ctx;
  const signedIn = Boolean(session.user());
  // one request for the whole catalogue and its relations (GET /skill-graph), not one per skill
  const [graph, cats, learner] = await Promise.all([
    api.get('/skill-graph', { signal }),
    api.get('/skill-categories', { signal }),
    // The graph still draws when the learner's state cannot be read; the failure is shown above it.
    signedIn ? learnerStates(signal).catch((error) => (error.name === 'AbortError' ? Promise.reject(error) : error)) : null,
  ]);
  const skills = graph.skills;
  const edges = edgesOf(graph.relations);
  const categories = new Map(cats.map((c) => [c.slug, c.name]));
  const stateOf = typeof learner === 'function' ? learner : () => ({ key: 'not-started', probability: null, anonymous: true });
  const drawing = layout(skills, edges, new Map(cats.map((c, i) => [c.slug, i])));

  const svg = s('svg', { id: 'skills-graph', class: 'skills-graph', tabindex: 0, role: 'group',
    'aria-label': `Skills graph, ${skills.length} skills. Arrow keys pan, plus and minus zoom, 0 fits.` },
  markers(),
  s('g', { class: 'edges', 'aria-hidden': 'true' }, edgePaths(edges, drawing)),
  s('g', { class: 'nodes' }, readingOrder(skills, drawing.at).map((sk) => nodeOf(sk, drawing.at.get(sk.slug), stateOf(sk.slug)))));
  const vp = viewport(svg, drawing);
  interactions(svg, vp);
  let sized = false;
  const observer = new ResizeObserver(() => {
    if (!svg.clientWidth) return;
    if (sized) vp.apply(); else vp.fit(undefined, 0.6);
    sized = true;
  });
  observer.observe(svg);
  ctx.onLeave(() => observer.disconnect());

  const button = (label, text, fn) => h('button', { type: 'button', class: 'secondary', 'aria-label': label,
    'aria-controls': 'skills-graph', onclick: fn }, text);
  const shown = h('span', { class: 'muted', role: 'status' });
  const select = h('select', { id: 'graph-category', onchange: () => filterBy(select.value, svg, vp, drawing, shown) },
    h('option', { value: '' }, 'All categories'), cats.map((c) => h('option', { value: c.slug }, c.name)));
  const narrow = window.matchMedia('(max-width: 480px)').matches;

  return h('div', { class: 'graph-screen' },
    h('h1', null, 'Skills'),
    h('p', { class: 'muted' }, 'Arrows lead from a skill to the skills that build on it. Drag to move, use the wheel, ',
      'a pinch or the buttons to zoom, and open any skill for its lessons, quizzes and path.'),
    signedIn ? null : h('p', null, h('a', { href: '#/signin' }, 'Sign in'), ' to see what you know on the graph.'),
    learner instanceof Error ? failure(learner) : null,
    h('div', { class: 'row graph-tools' },
      h('label', { for: 'graph-category' }, 'Category '), select, shown,
      h('span', { class: 'row zoom' },
        button('Zoom in', '+', () => vp.zoom(1 / 1.25)),
        button('Zoom out', '−', () => vp.zoom(1.25)),
        button('Fit the whole graph', 'Fit', () => vp.fit()))),
    h('div', { class: 'graph-frame' }, svg),
    legend(typeof learner === 'function'),
    h('details', { class: 'card graph-list', open: narrow || null },
      h('summary', null, `All ${skills.length} skills as a table`),
      table(skills, categories, stateOf, edges, drawing.layer, typeof learner === 'function')));
}
