// The learner's dashboard: mastery per category (a chart), what is ready to learn and why, reviews due, what to
// read and take next, recent attempts. The gateway composes most of it (GET /me/dashboard, which names a missing
// service in `degraded`); the chart adds the catalogue and the learner's whole mastery list.
import { h, s, percent, when, section } from '../dom.js';
import { api } from '../api.js';

const SERVICE_PARTS = {
  'skills-service': 'mastery, the frontier and reviews',
  'content-service': 'lessons',
  'quiz-service': 'quizzes and attempts',
};

async function allSkills() {
  const first = await api.get('/skills?size=100');
  const pages = [first];
  for (let page = 1; page < first.totalPages; page++) pages.push(await api.get(`/skills?size=100&page=${page}`));
  return pages.flatMap((p) => p.items).filter((skill) => !skill.retired);
}

// Per category: how many skills, how many mastered (a review due still counts), how many being learned.
export function byCategory(categories, skills, mastery) {
  const state = new Map(mastery.map((m) => [m.skill.slug, m.state]));
  return categories.map((c) => {
    const mine = skills.filter((skill) => skill.category === c.slug);
    const count = (wanted) => mine.filter((skill) => wanted.includes(state.get(skill.slug))).length;
    return { category: c, total: mine.length, mastered: count(['mastered', 'review-due']), learning: count(['learning']) };
  }).filter((row) => row.total > 0);
}

function chart(rows) {
  const bar = (row) => {
    const w = (n) => (row.total ? (100 * n) / row.total : 0);
    const label = `${row.category.name}: ${row.mastered} of ${row.total} mastered, ${row.learning} being learned`;
    return h('div', { class: 'bar', role: 'listitem' },
      h('span', { id: `cat-${row.category.slug}` }, row.category.name),
      s('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', role: 'img', 'aria-label': label },
        s('rect', { class: 'rest', x: 0, y: 0, width: 100, height: 10 }),
        s('rect', { class: 'known', x: 0, y: 0, width: w(row.mastered), height: 10 }),
        s('rect', { class: 'learning', x: w(row.mastered), y: 0, width: w(row.learning), height: 10 })),
      h('span', { class: 'muted' }, `${row.mastered}/${row.total}`));
  };
  return h('div', null,
    h('div', { class: 'bars', role: 'list', id: 'mastery-chart' }, rows.map(bar)),
    h('p', { class: 'legend' }, h('span', null, h('i', { class: 'known' }), 'mastered'),
      h('span', null, h('i', { class: 'learning' }), 'being learned'), h('span', null, h('i', { class: 'rest' }), 'not started')));
}

function masteryCard(dash, rows) {
  if (!dash.mastery) return section('Mastery', h('p', { class: 'muted' }, 'Mastery is not available right now.'));
  const m = dash.mastery;
  return section('Mastery',
    h('p', { id: 'mastery-summary' }, `${m.mastered} skill${m.mastered === 1 ? '' : 's'} mastered`,
      m.reviewDue ? `, ${m.reviewDue} due for review` : '', ` (${m.skills} with evidence).`),
    rows ? chart(rows) : null,
    m.items.length ? h('h3', null, 'Latest evidence') : h('p', { class: 'muted' }, 'No evidence yet: take a quiz to place yourself.'),
    m.items.length ? h('ul', { class: 'plain', id: 'mastery-latest' }, m.items.map((item) => h('li', { dataset: { skill: item.skill.slug } },
      h('a', { href: `#/skills/${item.skill.slug}` }, item.skill.name), ' ',
      h('span', { class: `tag state-${item.state}` }, item.state.replace('-', ' ')), ' ',
      h('span', { class: 'probability' }, percent(item.probabilityNow ?? item.probability)),
      h('span', { class: 'muted' }, ` · ${when(item.lastEvidenceAt)}`)))) : null);
}

function frontierCard(dash) {
  const entry = (f) => h('li', { dataset: { skill: f.skill.slug } },
    h('a', { href: `#/skills/${f.skill.slug}` }, f.skill.name),
    h('span', { class: 'muted' }, ` · readiness ${percent(f.readiness)}`),
    h('div', { class: 'reason' }, f.reason));
  return section('Ready to learn',
    dash.frontier.length ? h('ul', { class: 'plain', id: 'frontier' }, dash.frontier.map(entry))
      : h('p', { class: 'muted' }, 'Nothing is ready yet beyond what you are placing below.'),
    dash.toConfirm && dash.toConfirm.length ? h('details', { open: dash.frontier.length ? null : true },
      h('summary', null, `To place you (${dash.toConfirm.length})`),
      h('p', { class: 'muted' }, 'Their prerequisites are met; a first quiz tells whether you know them already.'),
      h('ul', { class: 'plain', id: 'to-confirm' }, dash.toConfirm.map(entry))) : null);
}

function reviewsCard(dash) {
  return section('Reviews due',
    dash.reviewsDue.length
      ? [h('ul', { class: 'plain', id: 'reviews-due' }, dash.reviewsDue.map((r) => h('li', null,
        h('a', { href: `#/skills/${r.skill.slug}` }, r.skill.name),
        h('span', { class: 'muted' }, ` · due ${when(r.memory && r.memory.dueAt)} · recall now ${percent(r.probabilityNow)}`)))),
      h('p', null, h('a', { class: 'button', href: '#/practice?target=reviews' }, 'Review now'))]
      : h('p', { class: 'muted' }, 'No reviews due. Mastered skills come back here when they start to fade.'));
}

function nextCard(dash) {
  const lessons = dash.nextLessons.map((l) => h('li', null, h('a', { href: `#/lessons/${l.slug}` }, l.title),
    h('span', { class: 'muted' }, ` · for ${l.forSkill}`)));
  const quizzes = dash.nextQuizzes.map((q) => h('li', null, h('a', { href: `#/quizzes/${q.id}` }, q.title),
    h('span', { class: 'muted' }, ` · for ${q.forSkill}`)));
  return section('Next up',
    lessons.length ? [h('h3', null, 'Lessons'), h('ul', { class: 'plain', id: 'next-lessons' }, lessons)] : null,
    quizzes.length ? [h('h3', null, 'Quizzes'), h('ul', { class: 'plain', id: 'next-quizzes' }, quizzes)] : null,
    !lessons.length && !quizzes.length ? h('p', { class: 'muted' }, 'Nothing suggested right now.') : null);
}

function attemptsCard(dash) {
  return section('Recent attempts',
    dash.recentAttempts.length
      ? h('ul', { class: 'plain', id: 'recent-attempts' }, dash.recentAttempts.map((a) => h('li', null,
        h('a', { href: `#/attempts/${a.id}` }, a.quiz ? a.quiz.title : 'Quiz'), ' ',
        a.result ? h('span', { class: a.result.passed ? 'ok' : 'bad' },
          `${Math.round(a.result.percentage)} % · ${a.result.passed ? 'passed' : 'not passed'}`)
          : h('span', { class: 'tag' }, a.status.replace('_', ' ')),
        h('span', { class: 'muted' }, ` · ${when(a.gradedAt || a.startedAt)}`))))
      : h('p', { class: 'muted' }, 'No attempts yet.'));
}

export async function render(ctx) {
  const dashboard = api.get('/me/dashboard', { signal: ctx.signal });
  // the chart's extra data; without it the dashboard still shows everything else
  const extra = Promise.all([api.get('/skill-categories', { signal: ctx.signal }), allSkills(),
    api.get('/learners/me/mastery', { signal: ctx.signal })]).catch(() => null);
  const dash = await dashboard;
  const more = await extra;
  const rows = more && dash.mastery ? byCategory(more[0], more[1], more[2].skills) : null;
  const degraded = dash.degraded || [];
  return h('div', { id: 'dashboard' },
    h('h1', null, `Welcome, ${dash.learnerId}`),
    degraded.length ? h('div', { class: 'alert degraded', role: 'alert', id: 'degraded' },
      h('strong', null, 'Part of Skillpath is not answering'),
      h('p', null, `Missing for now: ${degraded.map((d) => `${SERVICE_PARTS[d] || d} (${d})`).join(', ')}. `,
        'The rest is up to date; reload in a moment.')) : null,
    h('div', { class: 'grid' }, masteryCard(dash, rows), frontierCard(dash), reviewsCard(dash), nextCard(dash), attemptsCard(dash)));
}
