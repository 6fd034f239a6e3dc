// Practice (#/practice, ?skill=<slug> for one skill, ?target=reviews for the reviews due): one question at a time,
// picked by quiz-service for this learner, graded at once with feedback, and "why this question" from the pick.
// The session's id goes into the address (?session=) so a reload continues it instead of starting another.
import { h, mount, percent, when } from '../dom.js';
import { api, ApiError, seg } from '../api.js';
import { failure, styles } from '../ui.js';
import { widget, reviewOf } from './answers.js';

const ENDED = {
  'target-mastered': 'You have mastered every skill this session practised. Well done!',
  'reviews-done': 'Every review that was due is done. Your next reviews are scheduled from these answers.',
  'question-limit': 'You answered all the questions this session had.',
  'pool-exhausted': 'There are no more questions to practise here for now: you have seen the others in the last day.',
  'by-learner': 'You ended this session.',
};

// Starts refused for a plain reason are said kindly, with what to do instead.
const CANNOT_START = {
  'no-reviews-due': 'No reviews are due right now: every skill you mastered is still fresh. Come back later, or practise something new.',
  'frontier-empty': 'Nothing is ready to learn right now. Pick a skill to practise from the skill map.',
  'estimates-not-known': 'Your learner model is not ready yet. Practise one skill from the skill map meanwhile.',
  'unknown-skill': 'There is no skill by that name to practise.',
};

function targetOf(query) {
  if (query.get('skill')) return { target: 'skill', skill: query.get('skill') };
  if (query.get('target') === 'reviews') return { target: 'reviews' };
  return { target: 'frontier' };
}

function title(session) {
  if (session.target === 'reviews') return 'Reviews due';
  if (session.target === 'skill' && session.targetSkills.length) return `Practise ${session.targetSkills[0].name}`;
  return 'Practise what you are ready to learn';
}

// The other sessions the learner can start from here.
function otherSessions(current) {
  const links = [
    current !== 'frontier' ? h('a', { href: '#/practice' }, 'Practise what you are ready to learn') : null,
    current !== 'reviews' ? h('a', { href: '#/practice?target=reviews' }, 'Reviews due') : null,
    h('a', { href: '#/graph' }, 'Pick a skill'),
  ];
  return h('nav', { class: 'row other-sessions', 'aria-label': 'Other practice' }, links);
}

function cannotStart(error, target, upcoming) {
  const known = error instanceof ApiError && CANNOT_START[error.type];
  const soonest = upcoming && upcoming[0];
  return h('div', { class: 'practice' },
    h('h1', null, target.target === 'reviews' ? 'Reviews due' : 'Practice'),
    known ? h('div', { class: 'card', id: 'practice-ended', role: 'status' }, h('p', null, known),
      soonest ? h('p', { class: 'muted' }, `Next review: ${soonest.skill.name}, ${when(soonest.memory.dueAt)}.`) : null)
      : failure(error),
    otherSessions(target.target));
}

// Asked first so that "nothing due" is said without a refused start; the start's 409 stays the rule.
async function reviewsNotDue(ctx) {
  try {
    const reviews = await api.get('/learners/me/reviews', { signal: ctx.signal });
    return reviews.due && reviews.due.length === 0 ? reviews.upcoming || [] : null;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    return null; // the learner model is unreachable: let the start decide
  }
}

function progressLine(state) {
  return `Question ${Math.min(state.answered + 1, state.maxQuestions)} of at most ${state.maxQuestions}`;
}

function endPanel(reason, state) {
  const text = ENDED[reason] || 'This session has ended.';
  return h('section', { class: 'card ended', id: 'practice-ended', 'aria-labelledby': 'ended-h', tabindex: '-1' },
    h('h2', { id: 'ended-h' }, 'Session over'),
    h('p', null, text),
    h('p', { class: 'muted' }, `${state.correctAnswers} of ${state.answered} answered right.`));
}

/** The "why this question" disclosure: the pick's reason, loaded from the session when first opened. */
function whyThis(sessionId, question, signal) {
  const panel = h('div', { id: 'why-panel', class: 'why', hidden: true });
  const button = h('button', { type: 'button', id: 'why-this-question', class: 'link', 'aria-expanded': 'false',
    'aria-controls': 'why-panel' }, 'Why this question?');
  let loaded = false;
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    if (!open || loaded) return;
    panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const session = await api.get(`/practice-sessions/${seg(sessionId)}`, { signal });
      const item = (session.items || []).find((i) => i.position === question.position && i.questionId === question.questionId);
      loaded = true;
      panel.replaceChildren(item ? whyDetails(item) : h('p', null, 'No reason was recorded for this question.'));
    } catch (e) {
      if (e.name !== 'AbortError') panel.replaceChildren(failure(e));
    }
  });
  return { button, panel };
}

function whyDetails(item) {
  return h('div', null,
    h('p', null, item.reason),
    h('dl', { class: 'facts' },
      h('dt', null, 'Skill practised'), h('dd', null, item.skill ? item.skill.name : '–'),
      h('dt', null, 'Your estimate then'), h('dd', null, percent(item.skillEstimate)),
      h('dt', null, 'Predicted chance you answer right'), h('dd', null, percent(item.predicted)),
      h('dt', null, 'Question parameters'), h('dd', null, item.parameters === 'fitted'
        ? 'fitted from learners’ answers' : 'starting values for its type (not fitted yet)')));
}

function feedbackPanel(question, answer, result) {
  const partly = !result.correct && result.credit > 0;
  return h('section', { id: 'practice-feedback', class: ['card', 'feedback-card', result.correct ? 'is-right' : 'is-wrong'],
    'aria-labelledby': 'feedback-h', tabindex: '-1' },
  h('h2', { id: 'feedback-h', class: result.correct ? 'ok' : partly ? 'warn' : 'bad' },
    result.correct ? 'Correct' : partly ? `Partly right (${percent(result.credit)} credit)` : 'Not quite'),
  reviewOf(question, answer, result.review, { verdict: false }));
}

/** One question: its widget, Check, then the feedback and Next (or the end of the session). */
function questionView(sessionId, next, ctx, onNext) {
  const q = next.question;
  const slot = h('div');
  const status = h('div', { 'aria-live': 'polite' });
  const check = h('button', { type: 'button', id: 'practice-submit', class: 'primary', disabled: true }, 'Check answer');
  const w = widget(q, null, () => { check.disabled = w.isEmpty(); });
  // An ordering question always has an order to check, even left as shown.
  check.disabled = q.type !== 'ordering' && w.isEmpty();
  const why = whyThis(sessionId, q, ctx.signal);
  const progress = h('p', { class: 'muted' }, progressLine(next));

  check.addEventListener('click', async () => {
    const answer = w.value();
    if (!answer) return;
    check.disabled = true;
    status.replaceChildren();
    let result;
    try {
      result = await api.post(`/practice-sessions/${seg(sessionId)}/answers`, { questionId: q.questionId, answer });
    } catch (e) {
      // Answered already (another tab, a double send): the session has moved on, so fetch where it is.
      if (e instanceof ApiError && e.status === 409 && e.type === 'already-answered') { onNext(); return; }
      status.replaceChildren(failure(e));
      check.disabled = false;
      return;
    }
    w.disable();
    check.hidden = true;
    progress.textContent = `${result.answered} answered · ${result.correctAnswers} right so far`;
    const feedback = feedbackPanel(q, answer, result);
    const ended = result.status === 'ended';
    const nextButton = ended ? null : h('button', { type: 'button', id: 'practice-next', class: 'primary', onclick: onNext }, 'Next question');
    slot.replaceChildren(feedback, ended ? endPanel(result.endReason, result) : h('div', { class: 'row' }, nextButton));
    feedback.focus(); // its heading, read out, says whether the answer was right
  });

  return h('div', null,
    progress,
    h('section', { id: 'practice-question', class: 'card question', dataset: { question: q.questionId } },
      q.skill ? h('p', { class: 'row' }, h('span', { class: 'tag' }, q.skill.name)) : null,
      w.node,
      status,
      h('div', { class: 'row' }, check, why.button),
      why.panel),
    slot);
}

/** Draws the session's current step: the open (or a new) question, or its end; moveFocus after Next. */
async function step(body, sessionId, ctx, moveFocus) {
  const next = await api.get(`/practice-sessions/${seg(sessionId)}/next`, { signal: ctx.signal });
  if (!ctx.current()) return;
  if (next.status === 'ended' || !next.question) {
    // The next answer has no tally of right answers; the session has.
    const session = await api.get(`/practice-sessions/${seg(sessionId)}`, { signal: ctx.signal });
    const panel = endPanel(next.endReason || session.endReason, session);
    mount(body, panel);
    if (moveFocus) panel.focus();
    return;
  }
  const go = () => step(body, sessionId, ctx, true).catch((e) => showError(body, e));
  mount(body, questionView(sessionId, next, ctx, go));
  const first = body.querySelector('#practice-question input, #practice-question button');
  if (moveFocus && first) first.focus();
}

function showError(body, e) {
  if (e.name !== 'AbortError') mount(body, failure(e));
}

async function startOrResume(ctx) {
  const id = ctx.query.get('session');
  if (id) return api.get(`/practice-sessions/${seg(id)}`, { signal: ctx.signal });
  const session = await api.post('/practice-sessions', targetOf(ctx.query), { signal: ctx.signal });
  // Replaced, not pushed: Back leaves practice rather than starting yet another session.
  if (ctx.current()) window.history.replaceState(window.history.state, '', `#/practice?session=${session.id}`);
  return session;
}

/** #/practice */
export async function render(ctx) {
  styles('quiz');
  const target = targetOf(ctx.query);
  if (target.target === 'reviews' && !ctx.query.get('session')) {
    const upcoming = await reviewsNotDue(ctx);
    if (upcoming) return cannotStart(new ApiError(409, { type: 'no-reviews-due' }), target, upcoming);
  }
  let session;
  try {
    session = await startOrResume(ctx);
  } catch (e) {
    if (e.name === 'AbortError' || !(e instanceof ApiError) || !CANNOT_START[e.type]) throw e;
    return cannotStart(e, target);
  }
  const body = h('div', { class: 'practice-body' });
  const end = h('button', { type: 'button', class: 'secondary', id: 'practice-end' }, 'End session');
  end.addEventListener('click', async () => {
    end.disabled = true;
    try {
      const ended = await api.post(`/practice-sessions/${seg(session.id)}/end`);
      end.hidden = true;
      const panel = endPanel(ended.endReason, ended);
      mount(body, panel);
      panel.focus();
    } catch (e) {
      end.disabled = false;
      showError(body, e);
    }
  });
  end.hidden = session.status === 'ended';
  await step(body, session.id, ctx, false).catch((e) => showError(body, e));
  return h('div', { class: 'practice' },
    h('div', { class: 'row practice-head' }, h('h1', null, title(session)), end),
    session.targetSkills && session.targetSkills.length > 1
      ? h('p', { class: 'muted' }, `Skills: ${session.targetSkills.map((s) => s.name).join(', ')}`) : null,
    body,
    otherSessions(session.target));
}
