// The question bank, for authors and admins: every question's current version with its flag (raised by item
// statistics after enough first attempts), the figures each quiz measured for it, and, opened, its full content
// with the answer key and what its figures mean in plain words.
import { h, mount, when } from '../dom.js';
import { api, query, seg } from '../api.js';
import { failure, loading, styles } from '../ui.js';
import { session } from '../session.js';
import { render as markdown, inline } from '../markdown.js';

const PAGE_SIZE = 20;
const ROUTE = '/author/questions';
const TYPES = {
  single_choice: 'Single choice', multiple_choice: 'Multiple choice', true_false: 'True/false',
  short_text: 'Short text', numeric: 'Numeric', ordering: 'Ordering',
};
// What quiz-service uses when a quiz's statistics do not say (docs/quiz.md, "Flags").
const DEFAULT_THRESHOLDS = { tooEasyAbove: 0.9, tooHardBelow: 0.2, poorDiscriminationBelow: 0.2, minimumAttemptsToFlag: 30 };
const REASONS = {
  'too-easy': ['Too easy', (t) => `facility above ${t.tooEasyAbove}`, 'nearly everyone answers it right, so it tells little about who has the skill.'],
  'too-hard': ['Too hard', (t) => `facility below ${t.tooHardBelow}`, 'most learners get it wrong; check the key and the wording before blaming the learners.'],
  'poor-discrimination': ['Poor discrimination', (t) => `discrimination below ${t.poorDiscriminationBelow}`,
    'learners who do well on the rest of the quiz do no better here, so it may be ambiguous or measure something else.'],
};

const label = (reason) => (REASONS[reason] ? REASONS[reason][0] : reason);
const explain = (reason, t) => (REASONS[reason] ? `${REASONS[reason][0]} (${REASONS[reason][1](t)}): ${REASONS[reason][2]}` : reason);
const figure = (x) => (x === null || x === undefined ? '–' : x.toFixed(2));
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function allPages(path, signal) {
  const first = await api.get(`${path}${path.includes('?') ? '&' : '?'}size=100`, { signal });
  const rest = [];
  for (let page = 1; page < first.totalPages; page += 1) rest.push(api.get(`${path}${path.includes('?') ? '&' : '?'}size=100&page=${page}`, { signal }));
  return [first, ...(await Promise.all(rest))].flatMap((p) => p.items);
}

// Item statistics exist per quiz only, so every quiz's are read once and indexed by question id.
async function loadStatistics(signal) {
  const quizzes = await allPages('/quizzes', signal);
  const all = await Promise.all(quizzes.map((quiz) => api.get(`/quizzes/${seg(quiz.id)}/statistics`, { signal })));
  const byQuestion = new Map();
  let thresholds = DEFAULT_THRESHOLDS;
  for (const stats of all) {
    thresholds = stats.thresholds || thresholds;
    for (const q of stats.questions.filter((item) => item.attempts > 0)) {
      const list = byQuestion.get(q.questionId) || [];
      list.push({ ...q, quizId: stats.quizId, quizTitle: stats.title });
      byQuestion.set(q.questionId, list);
    }
  }
  return { byQuestion, thresholds, quizTitles: new Map(quizzes.map((q) => [q.id, q.title])) };
}

function select(id, text, options, value) {
  return h('label', { class: 'field', for: id }, h('span', null, text),
    h('select', { id, name: id }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
}

function filters(state, skills, onChange) {
  const form = h('form', { class: 'bank-filters', 'aria-label': 'Filter questions', onsubmit: (e) => e.preventDefault() },
    select('bank-skill', 'Skill', [['', 'Any skill'], ...skills.map((s) => [s.slug, s.name])], state.skill),
    select('bank-type', 'Type', [['', 'Any type'], ...Object.entries(TYPES)], state.type),
    h('label', { class: 'check', for: 'flagged-only' },
      h('input', { type: 'checkbox', id: 'flagged-only', name: 'flagged', checked: state.flagged }), 'Flagged only'));
  form.addEventListener('change', () => onChange({
    skill: form.elements['bank-skill'].value, type: form.elements['bank-type'].value,
    flagged: form.elements.flagged.checked, page: 0,
  }));
  return form;
}

// One quiz's figures for a question, with the signals they raise (shown even below the attempts needed to flag).
function quizFigures(s, t) {
  const signals = s.flags && s.flags.length
    ? h('span', { class: 'hint' }, ` ${s.flags.map(label).join(', ')}${s.attempts < t.minimumAttemptsToFlag ? ' (too few attempts to flag)' : ''}`)
    : null;
  const part = (text) => h('span', { class: 'num' }, text);
  return h('div', { class: 'figures' }, h('span', { class: 'muted' }, `${s.quizTitle}: `),
    part(`facility ${figure(s.facility)}`), ' · ', part(`discrimination ${figure(s.discrimination)}`), ' · ',
    part(plural(s.attempts, 'attempt')), signals);
}

function row(q, stats, open) {
  const mine = stats ? stats.byQuestion.get(q.id) || [] : [];
  return h('tr', { class: q.flag ? 'flagged' : null, dataset: { question: q.id } },
    h('td', { class: 'prompt' }, h('button', { type: 'button', class: 'link', onclick: () => open(q.id) }, inline(q.prompt))),
    h('td', { 'data-label': 'Type' }, TYPES[q.type] || q.type),
    h('td', { 'data-label': 'Skills' }, q.skills.map((s) => s.name).join(', ')),
    h('td', { 'data-label': 'Version' }, `v${q.currentVersion}`),
    h('td', { 'data-label': 'Flag' }, q.flag
      ? h('span', { class: 'flag-reasons' }, `Flagged: ${q.flag.reasons.map(label).join(', ')}`)
      : h('span', { class: 'muted' }, 'Not flagged')),
    h('td', { 'data-label': 'Item statistics' }, !stats ? '–'
      : mine.length ? mine.map((s) => quizFigures(s, stats.thresholds)) : h('span', { class: 'muted' }, 'No counted attempts yet')));
}

function table(page, stats, open) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'question-bank' },
    h('caption', { class: 'visually-hidden' }, 'Questions of the bank'),
    h('thead', null, h('tr', null, ['Question', 'Type', 'Skills', 'Version', 'Flag', 'Item statistics'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, page.items.map((q) => row(q, stats, open)))));
}

function pager(page, go) {
  if (page.totalPages <= 1) return null;
  const button = (to, text) => h('button', { type: 'button', class: 'secondary', onclick: () => go(to) }, text);
  return h('nav', { class: 'pager row', 'aria-label': 'Question pages' },
    page.page > 0 ? button(page.page - 1, 'Previous') : null,
    h('span', { class: 'muted' }, `Page ${page.page + 1} of ${page.totalPages}`),
    page.page + 1 < page.totalPages ? button(page.page + 1, 'Next') : null);
}

// The answer key, as each type states it.
function answerKey(q) {
  const option = (o, mark) => h('li', null, h('span', { class: o.correct ? 'correct' : null }, o.text, mark && o.correct ? ' ✓ correct' : ''),
    o.feedback ? h('span', { class: 'feedback' }, `Feedback: ${o.feedback}`) : null);
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return h('ul', { class: 'key' }, q.options.map((o) => option(o, true)));
    case 'ordering': // the items come in their correct order; their "correct" fields carry nothing
      return [h('p', null, 'Correct order:'), h('ol', { class: 'key' }, q.options.map((o) => option(o, false)))];
    case 'true_false':
      return h('ul', { class: 'key' },
        h('li', null, h('span', { class: 'correct' }, `Answer: ${q.answer ? 'true' : 'false'}`)),
        q.trueFeedback ? h('li', null, h('span', { class: 'feedback' }, `Feedback for “true”: ${q.trueFeedback}`)) : null,
        q.falseFeedback ? h('li', null, h('span', { class: 'feedback' }, `Feedback for “false”: ${q.falseFeedback}`)) : null);
    case 'short_text':
      return [h('p', null, 'Accepted answers (case and spacing ignored', q.foldAccents === false ? '' : ', accents too', '):'),
        h('ul', { class: 'key' }, q.acceptedAnswers.map((a) => h('li', { class: 'correct' }, a)))];
    case 'numeric':
      return h('p', { class: 'correct' }, `${q.value}${q.tolerance ? ` ± ${q.tolerance}` : ''}`);
    default:
      return h('p', { class: 'muted' }, 'This type has no key the bank can show.');
  }
}

function flagBlock(flag, t, quizTitles) {
  if (!flag) return h('p', { class: 'muted' }, `Not flagged. A version is flagged after ${t.minimumAttemptsToFlag} counted first attempts in one quiz when its figures cross a threshold.`);
  return [h('p', { class: 'flag-reasons' },
    `Flagged ${when(flag.flaggedAt)} in “${quizTitles.get(flag.quizId) || 'a quiz'}” after ${plural(flag.firstAttempts, 'first attempt')} `,
    `(facility ${figure(flag.facility)}, discrimination ${figure(flag.discrimination)}).`),
  h('ul', { class: 'explain' }, flag.reasons.map((r) => h('li', null, explain(r, t)))),
  h('p', { class: 'muted' }, 'Editing the question makes a new version, which starts unflagged and is measured afresh.')];
}

function statisticsBlock(mine, t) {
  if (!mine.length) return h('p', { class: 'muted' }, 'No quiz has counted a first attempt at this question yet (authors’ and admins’ attempts are left out).');
  return mine.map((s) => h('div', { class: 'quiz-stats' },
    h('h4', null, s.quizTitle),
    h('p', { class: 'figures' }, `${plural(s.attempts, 'counted first attempt')} · facility ${figure(s.facility)} (share of the points earned) · discrimination ${figure(s.discrimination)}`),
    s.discrimination === null ? h('p', { class: 'muted' }, 'Discrimination needs two attempts or more, and scores that vary.') : null,
    s.flags.length ? h('ul', { class: 'explain' }, s.flags.map((r) => h('li', null, explain(r, t)))) : h('p', { class: 'muted' }, 'Its figures are within every threshold.'),
    s.flags.length && s.attempts < t.minimumAttemptsToFlag
      ? h('p', { class: 'hint' }, `With ${plural(s.attempts, 'attempt')} (fewer than ${t.minimumAttemptsToFlag}) these figures are still noise, so nothing is flagged yet.`) : null,
    s.versions.filter((v) => v.model).map((v) => h('p', { class: 'muted' },
      `Version ${v.version}, learner model (fitted on ${plural(v.model.answers, 'answer')}): difficulty ${figure(v.model.difficulty)}, guess ${figure(v.model.guess)}, slip ${figure(v.model.slip)}.`))));
}

function versionsBlock(versions) {
  return h('ul', { class: 'plain' }, versions.map((v) => h('li', null,
    `Version ${v.version}${v.current ? ' (current)' : ''} · ${plural(v.attempts, 'time')} given · ${when(v.createdAt)} by ${v.createdBy}`,
    v.flag ? h('span', { class: 'flag-reasons' }, ` · flagged: ${v.flag.reasons.map(label).join(', ')}`) : null)));
}

async function detail(id, stats, close, signal) {
  const [q, versions] = await Promise.all([
    api.get(`/questions/${seg(id)}`, { signal }), api.get(`/questions/${seg(id)}/versions`, { signal })]);
  const t = stats ? stats.thresholds : DEFAULT_THRESHOLDS;
  const current = versions.find((v) => v.current) || {};
  const heading = h('h2', { tabindex: '-1', id: 'question-detail-title' }, 'Question');
  const node = h('section', { class: 'card question-detail', id: 'question-detail', 'aria-labelledby': 'question-detail-title', dataset: { question: q.id } },
    h('div', { class: 'row' }, heading, h('button', { type: 'button', class: 'secondary', onclick: close }, 'Close')),
    h('div', { class: 'markdown' }, markdown(q.prompt)),
    h('dl', null,
      h('dt', null, 'Type'), h('dd', null, TYPES[q.type] || q.type),
      h('dt', null, 'Points'), h('dd', null, String(q.points)),
      h('dt', null, 'Skills'), h('dd', null, q.skills.map((s, k) => [k ? ', ' : null, h('a', { href: `#/skills/${seg(s.slug)}` }, s.name)])),
      h('dt', null, 'Version'), h('dd', null, `${q.version} of ${q.currentVersion}, ${when(q.createdAt)} by ${q.createdBy}`)),
    h('h3', null, 'Answer key'), answerKey(q),
    q.generalFeedback ? [h('h3', null, 'General feedback'), h('p', null, q.generalFeedback)] : null,
    h('h3', null, 'Flag'), flagBlock(current.flag, t, stats ? stats.quizTitles : new Map()),
    h('h3', null, 'Item statistics'), stats ? statisticsBlock(stats.byQuestion.get(q.id) || [], t) : h('p', { class: 'muted' }, 'Statistics could not be loaded.'),
    h('h3', null, 'Versions'), versionsBlock(versions));
  return { node, heading };
}

function authorsOnly() {
  return h('div', null, h('h1', null, 'Question bank'),
    h('div', { class: 'alert', role: 'alert' }, h('strong', null, 'Authors only'),
      h('p', null, 'The question bank, with its answer keys and statistics, is open to authors and admins. Sign in as an author to see it.')),
    h('p', null, h('a', { href: '#/' }, 'Back to the dashboard')));
}

function stateOf(q) {
  return { skill: q.get('skill') || '', type: q.get('type') || '', flagged: q.get('flagged') === 'true',
    page: Math.max(0, parseInt(q.get('page'), 10) || 0), open: q.get('open') || '' };
}

export async function render(ctx) {
  styles('content');
  if (!session.isAuthor()) return authorsOnly();
  let state = stateOf(ctx.query);
  const [skills, stats] = await Promise.all([
    allPages('/skills', ctx.signal).then((list) => list.filter((s) => !s.retired).sort((a, b) => a.name.localeCompare(b.name)))
      .catch(() => []), // without the catalogue the skill filter offers "any skill" only
    loadStatistics(ctx.signal).catch((error) => (error.name === 'AbortError' ? Promise.reject(error) : null)),
  ]);
  const detailBox = h('div');
  const list = h('div', { 'aria-live': 'polite' });

  // The filters live in the address (replaced, not pushed) so a reload or a shared link shows the same list.
  const remember = () => history.replaceState(null, '', `#${ROUTE}${query({ skill: state.skill, type: state.type,
    flagged: state.flagged ? 'true' : null, page: state.page || null, open: state.open || null })}`);

  const open = async (id, focus = true) => {
    state = { ...state, open: id };
    remember();
    mount(detailBox, loading('the question'));
    try {
      const { node, heading } = await detail(id, stats, close, ctx.signal);
      mount(detailBox, node);
      if (focus) heading.focus();
    } catch (error) {
      if (error.name !== 'AbortError') mount(detailBox, failure(error));
    }
  };
  const close = () => { state = { ...state, open: '' }; remember(); detailBox.replaceChildren(); };

  const show = async (change) => {
    state = { ...state, ...change };
    remember();
    mount(list, loading('questions'));
    try {
      const page = await api.get(`/questions${query({ skill: state.skill, type: state.type,
        flagged: state.flagged ? 'true' : null, page: state.page, size: PAGE_SIZE })}`, { signal: ctx.signal });
      mount(list,
        h('p', { class: 'muted', id: 'bank-total', tabindex: '-1' }, `${plural(page.total, 'question')}${state.flagged ? ' flagged' : ''}`),
        page.items.length ? table(page, stats, open) : h('p', null, state.flagged ? 'No question is flagged.' : 'No question matches these filters.'),
        // The pager is redrawn, so the list's count takes the focus the pressed button had.
        pager(page, (to) => show({ page: to }).then(() => list.querySelector('#bank-total')?.focus())));
    } catch (error) {
      if (error.name !== 'AbortError') mount(list, failure(error));
    }
  };

  await show({});
  if (state.open) open(state.open, false);
  return h('div', { class: 'bank' },
    h('h1', null, 'Question bank'),
    h('p', { class: 'muted' }, 'Current versions with their flags and the figures of each quiz’s counted first attempts. Open a question for its key and what its figures mean.'),
    stats ? null : h('div', { class: 'alert degraded', role: 'status' }, h('p', null, 'Item statistics could not be loaded; the questions are listed without them.')),
    filters(state, skills, show),
    detailBox,
    list);
}
