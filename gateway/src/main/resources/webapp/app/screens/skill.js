// One skill (#/skills/:slug): what it is and how it relates to others, its lessons and quizzes, the path to it,
// and for a signed-in learner the estimate of knowing it with every piece of evidence behind that estimate.
import { h, percent, when, section } from '../dom.js';
import { api, query, seg } from '../api.js';
import { session } from '../session.js';
import { failure, styles } from '../ui.js';

const EVIDENCE_PAGE = 20;

// A relation as seen from this skill's side: [type, direction, heading].
const RELATIONS = [
  ['requires', 'outgoing', 'Requires'],
  ['recommends', 'outgoing', 'Recommended first'],
  ['part-of', 'outgoing', 'Part of'],
  ['part-of', 'incoming', 'Made of'],
  ['alternative-of', null, 'Alternatives'],
  ['requires', 'incoming', 'Needed by'],
  ['recommends', 'incoming', 'Helps with'],
];

const STATE_LABEL = { mastered: 'Mastered', 'review-due': 'Review due', learning: 'Learning' };
const SELF_REPORTED = { done: 'you marked it done', learning: 'you said you are learning it', skipped: 'you chose to skip it' };
const QUESTION_TYPE = {
  single_choice: 'single choice', multiple_choice: 'multiple choice', true_false: 'true or false',
  short_text: 'short answer', numeric: 'number', ordering: 'ordering',
};

// A part of the page that may fail alone: its failure is shown in its section, the rest still renders.
const settle = (promise) => promise.then((value) => ({ value }), (error) => {
  if (error.name === 'AbortError') throw error;
  return { error };
});

const skillLink = (ref) => h('a', { href: `#/skills/${seg(ref.slug)}` }, ref.name);
const list = (items, item, empty) => (items.length ? h('ul', { class: 'plain' }, items.map((x) => h('li', null, item(x)))) : h('p', { class: 'muted' }, empty));
const facts = (rows) => h('dl', { class: 'skill-facts' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
  .map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));

function header(skill) {
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/graph' }, 'Skills'), ' › ', skill.category.name),
    h('h1', null, skill.name),
    h('p', { class: 'row' }, h('span', { class: 'tag' }, skill.level), h('span', { class: 'tag' }, skill.category.name)),
    h('p', { class: 'lead' }, skill.summary),
    h('p', null, h('a', { class: 'button', id: 'practise', href: `#/practice${query({ skill: skill.slug })}` }, 'Practise this skill')),
  ];
}

function relations(skill, prerequisites) {
  const groups = RELATIONS.map(([type, direction, title]) => [title, skill.relations
    .filter((r) => r.type === type && (!direction || r.direction === direction)).map((r) => r.skill)])
    .filter(([, refs]) => refs.length);
  return section('How it connects',
    groups.length ? facts(groups.map(([title, refs]) => [title, refs.map((r, i) => [i ? ', ' : '', skillLink(r)])]))
      : h('p', { class: 'muted' }, 'This skill stands on its own: nothing is required before it.'),
    prerequisites.error ? failure(prerequisites.error)
      : prerequisites.value.length ? [h('h3', null, 'Everything it builds on, in learning order'),
        h('ol', { class: 'prereqs' }, prerequisites.value.map((p) => h('li', null, skillLink(p))))] : null);
}

// What the estimate means, said plainly for the learner's situation.
function explanation(skill, row, p) {
  if (!row) return `You have no evidence on ${skill.name} yet, so this is where every newcomer starts. A quiz or a practice session will place you.`;
  const said = {
    mastered: `Skillpath is at least 95 % sure you know ${skill.name}: it counts as mastered.`,
    'review-due': `You mastered ${skill.name}, but it is time to review it: the chance that you still recall it has dropped to ${percent(p)}.`,
    learning: `From what you have done so far, Skillpath puts the chance that you know ${skill.name} at ${percent(p)}. At 95 % it counts as mastered.`,
  }[row.state] || '';
  const inferred = row.evidence === 'direct' ? ''
    : ` The estimate moved through related skills; you have not answered questions on ${skill.name} itself yet.`;
  return said + inferred;
}

function memoryFacts(memory) {
  if (!memory) return [];
  return [
    ['Next review', `${when(memory.dueAt)}${memory.due ? ' (due now)' : ''}`],
    ['Chance of recall now', percent(memory.retrievability)],
    ['Memory stability', `${memory.stability.toFixed(1)} days until recall falls to 90 %`],
    ['Reviews', `${memory.reviews} so far, forgotten ${memory.lapses} ${memory.lapses === 1 ? 'time' : 'times'}`],
  ];
}

function estimate(skill, mastery, frontier, path) {
  if (!session.user()) {
    return section('Your estimate', h('p', null, h('a', { href: '#/signin' }, 'Sign in'),
      ` to see how likely it is that you know ${skill.name}, and the answers that estimate rests on.`));
  }
  if (mastery.error) return section('Your estimate', failure(mastery.error));
  const row = (mastery.value.skills || []).find((m) => m.skill.id === skill.id);
  const ready = frontier.value && (frontier.value.skills || []).find((e) => e.skill.id === skill.id);
  const step = path.value && (path.value.steps || []).find((st) => st.skill.slug === skill.slug);
  // Without a row the newcomer's estimate still shows in the frontier or the path, whichever has the skill.
  const p = row ? row.probabilityNow : (ready || step || {}).probability;
  const self = row ? row.selfReported : ((mastery.value.selfReportedOnly || []).find((r) => r.skill.id === skill.id) || {}).status;
  return section('Your estimate',
    h('p', { class: 'estimate' }, h('strong', { class: 'big' }, percent(p)), ' chance that you know it',
      row ? [' ', h('span', { class: ['tag', `state-${row.state}`] }, STATE_LABEL[row.state] || row.state)] : null,
      ready ? [' ', h('span', { class: 'tag state-ready' }, 'Ready to learn')] : null),
    h('p', null, explanation(skill, row, p)),
    facts([
      ['Ready to learn', ready ? ready.reason : null],
      ['At the last evidence', row && percent(row.probability) !== percent(row.probabilityNow) ? percent(row.probability) : null],
      ['Answers', row && row.observations ? `${row.correctAnswers} right of ${row.observations}` : null],
      ['Lessons and learning steps', row && row.learningSteps ? String(row.learningSteps) : null],
      ['Last evidence', row && row.lastEvidenceAt ? when(row.lastEvidenceAt) : null],
      ['Mastered on', row && row.masteredAt ? when(row.masteredAt) : null],
      ...memoryFacts(row && row.memory),
      ['Your own status', self ? `${SELF_REPORTED[self] || self} (it does not change the estimate)` : null],
    ]));
}

function pathSection(skill, path) {
  const personal = Boolean(session.user());
  const title = personal ? `Your path to ${skill.name}` : `The path to ${skill.name}`;
  if (path.error) return section(title, failure(path.error));
  const { steps = [], degraded = [] } = path.value;
  const extras = (step, kind, href, name) => (step[kind] && step[kind].length
    ? h('p', { class: 'step-extras' }, kind === 'lessons' ? 'Lessons: ' : 'Quizzes: ',
      step[kind].map((x, i) => [i ? ', ' : '', h('a', { href: href(x) }, name(x))])) : null);
  return section(title,
    h('p', { class: 'muted' }, personal ? 'What is still to learn, in an order you can follow; skills you have mastered are left out.'
      : 'Everything to learn on the way, assuming you know nothing yet. Sign in to leave out what you know.'),
    degraded.length ? h('p', { class: 'alert degraded' }, `Lessons or quizzes could not be added to every step (${degraded.join(', ')} did not answer).`) : null,
    steps.length ? h('ol', { class: 'path' }, steps.map((step) => h('li', null,
      h('p', { class: 'row' }, skillLink(step.skill), h('span', { class: 'muted' }, percent(step.probability)),
        step.mastered ? h('span', { class: 'tag state-mastered' }, 'Mastered') : null),
      extras(step, 'lessons', (l) => `#/lessons/${seg(l.slug)}`, (l) => l.title),
      extras(step, 'quizzes', (q) => `#/quizzes/${seg(q.id)}`, (q) => q.title))))
      : h('p', null, `Nothing left on the way: you have mastered ${skill.name} or everything it needs.`));
}

function lessonsSection(lessons) {
  return section('Lessons', lessons.error ? failure(lessons.error)
    : list(lessons.value, (l) => [h('a', { href: `#/lessons/${seg(l.slug)}` }, l.title), ' ',
      h('span', { class: 'muted' }, [l.level, l.estimatedMinutes ? `${l.estimatedMinutes} min` : null].filter(Boolean).join(' · ')),
      l.summary ? h('p', { class: 'muted small' }, l.summary) : null], 'No lessons on this skill yet.'));
}

function quizzesSection(quizzes) {
  return section('Quizzes', quizzes.error ? failure(quizzes.error)
    : list(quizzes.value, (q) => [h('a', { href: `#/quizzes/${seg(q.id)}` }, q.title), ' ',
      h('span', { class: 'muted' }, `${q.questionCount} questions · pass mark ${q.passMark} %`),
      q.description ? h('p', { class: 'muted small' }, q.description) : null], 'No quizzes on this skill yet.'));
}

// One piece of evidence in words: what the learner did, and where (a quiz attempt, a practice session, a lesson).
function evidenceWhat(e, quizzes, lessons) {
  if (e.kind === 'lesson') {
    const lesson = lessons.find((l) => l.id === e.lessonId);
    return ['Completed the lesson ', lesson ? h('a', { href: `#/lessons/${seg(lesson.slug)}` }, lesson.title) : 'on another skill'];
  }
  const question = e.question ? `A question (${QUESTION_TYPE[e.question.type] || e.question.type})` : 'A question';
  if (e.kind === 'practice') return `${question} in practice`;
  const quiz = quizzes.find((q) => q.id === e.quizId);
  return [question, ' in ', e.attemptId ? h('a', { href: `#/attempts/${seg(e.attemptId)}` }, quiz ? quiz.title : 'a quiz attempt') : 'a quiz'];
}

function evidenceResult(e) {
  if (e.kind === 'lesson') return h('span', { class: 'ok' }, 'Done');
  if (e.answered === false) return h('span', { class: 'warn' }, 'Not answered');
  return e.correct ? h('span', { class: 'ok' }, '✓ Right') : h('span', { class: 'bad' }, '✗ Wrong');
}

function evidenceRow(e, quizzes, lessons) {
  const points = Math.abs(e.change) < 0.01 ? (e.change * 100).toFixed(1) : String(Math.round(e.change * 100));
  const change = e.change > 0 ? `+${points}` : points;
  // One span per cell, so the narrow layout's label and value are the cell's only two boxes.
  const cell = (label, ...content) => h('td', { 'data-label': label }, h('span', null, ...content));
  return h('tr', null,
    cell('When', when(e.at)),
    cell('What', evidenceWhat(e, quizzes, lessons), e.direct ? null : h('span', { class: 'muted' }, ' (through a related skill)')),
    cell('Result', evidenceResult(e)),
    cell('Estimate', `${percent(e.before)} → ${percent(e.after)}`, h('span', { class: 'muted' }, ` (${change} points)`)));
}

// The evidence newest first, a page at a time.
function evidenceSection(skill, first, quizzes, lessons, signal) {
  const box = h('section', { id: 'evidence', class: 'card', 'aria-labelledby': 'evidence-h' },
    h('h2', { id: 'evidence-h' }, 'The evidence behind the estimate'));
  const instead = !session.user() ? h('p', { class: 'muted' }, 'Sign in to see the answers and lessons your estimate rests on.')
    : first.error ? failure(first.error)
      : first.value.total ? null
        : h('p', { class: 'muted' }, `Nothing yet: answer a quiz or a practice question on ${skill.name}, or complete one of its lessons.`);
  if (instead) {
    box.append(instead);
    return box;
  }
  const body = h('tbody');
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary' }, 'Show older evidence');
  let page = first.value;
  const add = (answer) => {
    body.append(...answer.items.map((e) => evidenceRow(e, quizzes, lessons)));
    status.textContent = `${body.children.length} of ${answer.total} shown, newest first.`;
    more.hidden = answer.page + 1 >= answer.totalPages;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      page = await api.get(`/learners/me/mastery/${seg(skill.slug)}/evidence${query({ page: page.page + 1, size: EVIDENCE_PAGE })}`, { signal });
      add(page);
    } catch (error) {
      if (error.name !== 'AbortError') box.append(failure(error));
    } finally {
      more.disabled = false;
    }
  });
  box.append(
    h('p', { class: 'muted' }, 'Each answer or lesson moved the estimate from one value to the next; right answers raise it, wrong ones lower it.'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'evidence-table' },
      h('thead', null, h('tr', null, ['When', 'What', 'Result', 'Estimate'].map((t) => h('th', { scope: 'col' }, t)))), body)),
    status, more);
  add(page);
  return box;
}

export async function render(ctx) {
  styles('skill');
  const { signal } = ctx;
  const signedIn = Boolean(session.user());
  const skill = await api.get(`/skills/${seg(ctx.params.slug)}`, { signal });
  const slug = seg(skill.slug); // an old slug answers with the skill under its current one
  const mine = (path) => (signedIn ? settle(api.get(path, { signal })) : Promise.resolve({}));
  const [prerequisites, lessons, quizzes, path, mastery, frontier, evidence] = await Promise.all([
    settle(api.get(`/skills/${slug}/prerequisites`, { signal })),
    settle(api.get(`/lessons${query({ skill: skill.slug, size: 50 })}`, { signal }).then((p) => p.items)),
    settle(api.get(`/quizzes${query({ skill: skill.slug, size: 50 })}`, { signal }).then((p) => p.items)),
    settle(api.get(signedIn ? `/me/path/${slug}` : `/skills/${slug}/path`, { signal })),
    mine('/learners/me/mastery'),
    mine('/learners/me/frontier'),
    mine(`/learners/me/mastery/${slug}/evidence${query({ page: 0, size: EVIDENCE_PAGE })}`),
  ]);
  return h('article', { class: 'skill-screen' },
    header(skill),
    h('div', { class: 'grid' },
      estimate(skill, mastery, frontier, path),
      section('About', skill.description ? h('p', null, skill.description) : h('p', { class: 'muted' }, 'No description yet.'))),
    pathSection(skill, path),
    h('div', { class: 'grid' }, lessonsSection(lessons), quizzesSection(quizzes)),
    evidenceSection(skill, evidence, quizzes.value || [], lessons.value || [], signal),
    relations(skill, prerequisites));
}
