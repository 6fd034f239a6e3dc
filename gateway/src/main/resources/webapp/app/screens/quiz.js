// A quiz and the learner's attempts at it (#/quizzes/:id), and one attempt (#/attempts/:id): answered question by
// question with every answer saved as it changes (retried until it lands), the deadline counting down, submit,
// then the result and the review as the attempt's review policy allows.
import { h, mount, percent, when, section } from '../dom.js';
import { api, ApiError, query, seg } from '../api.js';
import { failure, styles } from '../ui.js';
import { widget, reviewOf } from './answers.js';

const POLICY = {
  never: 'The answers are not shown after grading.',
  after_submit: 'Each question is reviewed as soon as the attempt is graded.',
  after_last_attempt: 'The answers are shown once you have used all your attempts.',
};

const GRADED_BY = {
  highest: 'your best attempt', last: 'your last attempt', first: 'your first attempt', average: 'the average of your attempts',
};

const minutes = (seconds) => (seconds % 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds / 60} min`);

function facts(quiz) {
  const you = quiz.you || {};
  const rows = [
    ['Questions', quiz.questionCount],
    ['Time limit', quiz.timeLimitSeconds ? minutes(quiz.timeLimitSeconds) : 'None'],
    ['Attempts', quiz.maxAttempts ? `${you.attemptsUsed || 0} of ${quiz.maxAttempts} used` : `${you.attemptsUsed || 0} used (no limit)`],
    ['Pass mark', `${quiz.passMark} %`],
    ['Your grade', typeof you.grade === 'number' ? `${+you.grade.toFixed(1)} % (${GRADED_BY[quiz.gradingMethod] || quiz.gradingMethod})` : null],
    ['Review', POLICY[quiz.reviewPolicy]],
  ].filter(([, v]) => v !== null && v !== undefined);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, String(v))]));
}

function attemptsTable(attempts) {
  if (!attempts.length) return h('p', { class: 'muted' }, 'You have not attempted this quiz yet.');
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('thead', null, h('tr', null, ['Attempt', 'Started', 'Result', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, attempts.map((a) => h('tr', null,
      h('td', null, `#${a.number}`),
      h('td', null, when(a.startedAt)),
      h('td', null, a.result
        ? [`${percent(a.result.percentage / 100)} `, h('span', { class: a.result.passed ? 'ok' : 'bad' }, a.result.passed ? 'passed' : 'not passed')]
        : h('span', { class: 'warn' }, 'in progress')),
      h('td', null, h('a', { href: `#/attempts/${seg(a.id)}` }, a.status === 'graded' ? 'Review' : 'Continue')))))));
}

/** #/quizzes/:id: the quiz's settings, the learner's attempts, and start (or continue). */
export async function render(ctx) {
  styles('quiz');
  const id = ctx.params.id;
  const [quiz, attempts] = await Promise.all([
    api.get(`/quizzes/${seg(id)}`, { signal: ctx.signal }),
    api.get(`/learners/me/attempts${query({ quiz: id, size: 100 })}`, { signal: ctx.signal }),
  ]);
  const you = quiz.you || {};
  const status = h('div', { 'aria-live': 'polite' });
  const closed = quiz.status !== 'published' && !you.openAttempt;
  const noneLeft = you.attemptsRemaining === 0 && !you.openAttempt;
  const start = h('button', { type: 'button', id: 'start-attempt', class: 'primary', disabled: closed || noneLeft },
    you.openAttempt ? 'Continue your attempt' : 'Start the quiz');
  start.addEventListener('click', async () => {
    start.disabled = true;
    status.replaceChildren();
    try {
      // An open attempt comes back as it is (200), so this also continues one.
      const attempt = await api.post(`/quizzes/${seg(id)}/attempts`);
      ctx.navigate(`/attempts/${attempt.id}`);
    } catch (e) {
      status.append(failure(e));
      start.disabled = false;
    }
  });
  return h('div', { class: 'quiz' },
    h('h1', null, quiz.title),
    quiz.description ? h('p', { class: 'lead' }, quiz.description) : null,
    quiz.skills && quiz.skills.length
      ? h('p', { class: 'row' }, quiz.skills.map((s) => h('a', { class: 'tag', href: `#/skills/${seg(s.slug)}` }, s.name))) : null,
    h('section', { class: 'card', 'aria-labelledby': 'quiz-about' },
      h('h2', { id: 'quiz-about' }, 'About this quiz'), facts(quiz),
      h('div', { class: 'row' }, start,
        closed ? h('span', { class: 'muted' }, 'This quiz is closed to new attempts.') : null,
        noneLeft ? h('span', { class: 'muted' }, 'You have used all your attempts.') : null,
        quiz.timeLimitSeconds && !you.openAttempt ? h('span', { class: 'muted' }, `The clock starts when you start: ${minutes(quiz.timeLimitSeconds)}.`) : null),
      status),
    section('Your attempts', attemptsTable(attempts.items || [])));
}

// ---- one attempt ----

const storeKey = (attemptId) => `skillpath.unsaved.${attemptId}`;
// Edits not yet confirmed by the server, kept in this tab so a reload while offline still has them.
const unsaved = {
  read: (attemptId) => { try { return JSON.parse(sessionStorage.getItem(storeKey(attemptId))) || {}; } catch { return {}; } },
  write(attemptId, questionId, answer) {
    const all = unsaved.read(attemptId);
    if (answer === undefined) delete all[questionId]; else all[questionId] = answer;
    if (Object.keys(all).length) sessionStorage.setItem(storeKey(attemptId), JSON.stringify(all));
    else sessionStorage.removeItem(storeKey(attemptId));
  },
};

const RETRYABLE = (e) => e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);

/**
 * Saves answers one question at a time, latest value wins: a change while a save is under way is sent after it;
 * a failure that may pass (offline, 5xx) is retried with backoff, and at once when the browser is back online.
 * onStatus(questionId, state, message) shows each question's state; onClosed(error) when the server refuses for good.
 */
function answerSaver(attemptId, { onStatus, onClosed }) {
  const states = new Map(); // questionId -> {pending, timer, running, failed}
  let backoff = 1000;
  let retryTimer = null;
  let stopped = false;
  const state = (qid) => states.get(qid) || states.set(qid, { pending: undefined }).get(qid);

  function scheduleRetry() {
    // Once the reader has left, what is unsaved waits in sessionStorage for the attempt's next opening.
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => { retryTimer = null; retryAll(); }, backoff);
    backoff = Math.min(backoff * 2, 30000);
  }

  function retryAll() {
    clearTimeout(retryTimer);
    retryTimer = null;
    for (const [qid, st] of states) if (st.failed) push(qid);
  }

  async function send(qid, st) {
    while (st.pending !== undefined) {
      const answer = st.pending;
      if (navigator.onLine === false) {
        // Known offline: wait for 'online' (the backoff timer stays as a fallback) rather than fail a request.
        st.failed = true;
        onStatus(qid, 'offline', 'Not saved – offline, will retry');
        scheduleRetry();
        return;
      }
      onStatus(qid, 'saving', 'Saving…');
      try {
        await api.put(`/attempts/${seg(attemptId)}/answers/${seg(qid)}`, answer);
      } catch (e) {
        if (RETRYABLE(e)) {
          st.failed = true;
          onStatus(qid, 'offline', e.status === 0 ? 'Not saved – offline, will retry' : 'Not saved – will retry');
          scheduleRetry();
        } else if (e instanceof ApiError && e.status === 409) {
          onClosed(e);
        } else {
          // The server will never take this value (e.g. a wrong shape): saying so beats retrying forever.
          st.pending = undefined;
          unsaved.write(attemptId, qid, undefined);
          onStatus(qid, 'error', `Not saved: ${e.message}`);
        }
        return;
      }
      st.failed = false;
      backoff = 1000;
      if (st.pending === answer) {
        st.pending = undefined;
        unsaved.write(attemptId, qid, undefined);
        onStatus(qid, 'saved', 'Saved');
      }
    }
  }

  function push(qid) {
    const st = state(qid);
    clearTimeout(st.timer);
    if (!st.running) st.running = send(qid, st).finally(() => { st.running = null; });
    return st.running;
  }

  const online = () => { backoff = 1000; retryAll(); };
  window.addEventListener('online', online);

  return {
    /** A new value for a question: saved after delay ms (text being typed) or at once. */
    change(qid, answer, delay) {
      const st = state(qid);
      st.pending = answer;
      unsaved.write(attemptId, qid, answer);
      clearTimeout(st.timer);
      onStatus(qid, 'saving', st.failed ? 'Not saved – offline, will retry' : 'Saving…');
      if (delay && !st.failed) st.timer = setTimeout(() => push(qid), delay);
      else if (!st.failed) push(qid);
    },
    unsavedCount: () => [...states.values()].filter((st) => st.pending !== undefined).length,
    /** Sends every pending answer now; true when all of them are saved. */
    async flush() {
      await Promise.all([...states.keys()].filter((qid) => state(qid).pending !== undefined).map(push));
      return [...states.values()].every((st) => st.pending === undefined);
    },
    stop() {
      stopped = true;
      window.removeEventListener('online', online);
      clearTimeout(retryTimer);
      for (const st of states.values()) clearTimeout(st.timer);
    },
  };
}

const clock = (ms) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(s / 3600);
  const mmss = `${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
};

/** Counts down to the deadline each second; says so out loud only at 5 and 1 minute; calls almost 2 s before, end at zero. */
function countdown(deadline, ctx, { almost, end: onEnd }) {
  const end = new Date(deadline).getTime();
  const text = h('span', { class: 'clock' });
  const node = h('p', { class: 'timer', role: 'timer', 'aria-label': 'Time left' }, 'Time left ', text);
  const said = new Set();
  let timer = null;
  const tick = () => {
    const left = end - Date.now();
    text.textContent = clock(left);
    node.classList.toggle('low', left <= 60000);
    for (const mark of [5, 1]) {
      if (left <= mark * 60000 && left > (mark * 60000) - 60000 && !said.has(mark)) {
        said.add(mark);
        ctx.announce(`${mark === 1 ? 'One minute' : 'Five minutes'} left in this attempt.`);
      }
    }
    if (left <= 2000 && almost) { almost(); almost = null; }
    if (left <= 0) { clearInterval(timer); onEnd(); }
  };
  // Marks already past when the page opens are not announced late.
  for (const mark of [5, 1]) if (end - Date.now() <= (mark - 1) * 60000) said.add(mark);
  tick();
  timer = setInterval(tick, 1000);
  ctx.onLeave(() => clearInterval(timer));
  return node;
}

function resultCard(attempt) {
  const r = attempt.result;
  return h('section', { id: 'attempt-result', class: ['card', 'result', r.passed ? 'passed' : 'failed'], 'aria-labelledby': 'result-h', tabindex: '-1' },
    h('h2', { id: 'result-h' }, r.passed ? 'Passed' : 'Not passed'),
    h('p', { class: 'score' }, h('strong', null, `${+r.score.toFixed(2)} of ${+r.maxScore.toFixed(2)} points`),
      ` · ${percent(r.percentage / 100)} (pass mark ${r.passMark} %)`),
    attempt.autoSubmitted ? h('p', { class: 'warn' }, 'Time ran out: this attempt was graded with the answers saved by then.') : null,
    h('p', { class: 'muted' }, `Attempt #${attempt.number}, graded ${when(attempt.gradedAt)}.`));
}

function gradedView(attempt) {
  const hidden = !attempt.reviewShown;
  return h('div', { class: 'attempt graded' },
    h('h1', null, attempt.quiz.title, h('span', { class: 'muted' }, ` · attempt #${attempt.number}`)),
    resultCard(attempt),
    hidden ? h('p', { class: 'card muted' }, POLICY[attempt.reviewPolicy] || 'The review is not shown.') : null,
    h('ol', { class: 'questions' }, attempt.questions.map((q) => h('li', {
      class: ['card', 'question', q.review && (q.review.correct ? 'is-right' : 'is-wrong')], dataset: { question: q.questionId },
    },
    h('p', { class: 'prompt' }, q.prompt),
    reviewOf(q, q.answer, q.review)))),
    h('p', null, h('a', { href: `#/quizzes/${seg(attempt.quiz.id)}` }, `Back to ${attempt.quiz.title}`)));
}

/** The confirmation shown instead of submitting at once when questions are unanswered. */
function confirmBox(unanswered, onYes, onNo) {
  const yes = h('button', { type: 'button', id: 'confirm-submit', class: 'primary', onclick: onYes }, 'Submit anyway');
  const box = h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-h' },
    h('p', { id: 'confirm-h' }, h('strong', null, `${unanswered} question${unanswered === 1 ? ' is' : 's are'} not answered.`),
      ' Unanswered questions earn no points. Submit anyway?'),
    h('div', { class: 'row' }, yes, h('button', { type: 'button', class: 'secondary', onclick: onNo }, 'Keep answering')));
  setTimeout(() => yes.focus());
  return box;
}

function takingView(attempt, ctx, showGraded) {
  const widgets = new Map();
  const statuses = new Map();
  const stored = unsaved.read(attempt.id);
  const notice = h('div', { 'aria-live': 'polite' });
  let over = false;

  const saver = answerSaver(attempt.id, {
    onStatus(qid, kind, message) {
      const el = statuses.get(qid);
      el.textContent = message;
      el.dataset.state = kind;
    },
    onClosed: () => finish(),
  });

  // The server grades an attempt past its deadline on the next read, so a read is how it ends.
  async function finish() {
    if (over) return;
    over = true;
    widgets.forEach((w) => w.disable());
    submit.disabled = true;
    try {
      const now = await api.get(`/attempts/${seg(attempt.id)}`);
      if (now.status === 'graded') { showGraded(now); return; }
      // This clock ran ahead of the server's: look again shortly.
      over = false;
      setTimeout(() => { if (ctx.current()) finish(); }, 2000);
    } catch (e) {
      over = false;
      notice.replaceChildren(failure(e));
    }
  }

  const submit = h('button', { type: 'button', id: 'submit-attempt', class: 'primary' }, 'Submit answers');
  const confirmSlot = h('div');

  async function doSubmit() {
    confirmSlot.replaceChildren();
    submit.disabled = true;
    notice.replaceChildren(h('p', { class: 'muted' }, 'Saving your last answers…'));
    if (!(await saver.flush())) {
      notice.replaceChildren(h('p', { class: 'alert' }, 'Some answers are not saved yet (you may be offline). They are retried; submit once they show “Saved”.'));
      submit.disabled = false;
      return;
    }
    try {
      showGraded(await api.post(`/attempts/${seg(attempt.id)}/submit`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) { finish(); return; }
      notice.replaceChildren(failure(e));
      submit.disabled = false;
    }
  }

  submit.addEventListener('click', () => {
    const unanswered = attempt.questions.filter((q) => widgets.get(q.questionId).isEmpty()).length;
    if (unanswered) confirmSlot.replaceChildren(confirmBox(unanswered, doSubmit, () => { confirmSlot.replaceChildren(); submit.focus(); }));
    else doSubmit();
  });

  const items = attempt.questions.map((q, i) => {
    const local = stored[q.questionId];
    const status = h('p', { class: 'save-status', 'data-state': local ? 'saving' : q.answer ? 'saved' : 'empty' },
      local ? 'Saving…' : q.answer ? 'Saved' : 'Not answered yet');
    statuses.set(q.questionId, status);
    const w = widget(q, local || q.answer, (value, typing) => {
      if (value === null) { status.textContent = q.type === 'numeric' ? 'Not saved: enter a number' : 'Not answered yet'; return; }
      saver.change(q.questionId, value, typing ? 400 : 0);
    }, { confirmOrder: true });
    widgets.set(q.questionId, w);
    return h('li', { class: ['card', 'question'], dataset: { question: q.questionId } },
      h('p', { class: 'muted qnum' }, `Question ${i + 1} of ${attempt.questions.length} · ${q.points} point${q.points === 1 ? '' : 's'}`),
      w.node, status);
  });

  // Edits kept from before a reload go out again now.
  for (const [qid, answer] of Object.entries(stored)) if (widgets.has(qid)) saver.change(qid, answer, 0);

  const warnUnsaved = (e) => { if (saver.unsavedCount()) e.preventDefault(); };
  window.addEventListener('beforeunload', warnUnsaved);
  ctx.onLeave(() => {
    window.removeEventListener('beforeunload', warnUnsaved);
    saver.flush(); // leaving the screen must not drop a debounced edit
    saver.stop();
  });

  return h('div', { class: 'attempt' },
    h('div', { class: 'attempt-bar' },
      h('h1', null, attempt.quiz.title, h('span', { class: 'muted' }, ` · attempt #${attempt.number}`)),
      attempt.deadline ? countdown(attempt.deadline, ctx, { almost: () => saver.flush(), end: finish }) : h('p', { class: 'muted' }, 'No time limit.')),
    h('p', { class: 'muted' }, 'Each answer is saved as you go.'),
    h('ol', { class: 'questions' }, items),
    h('div', { class: 'card submit-box' }, notice, confirmSlot, h('div', { class: 'row' }, submit,
      h('a', { href: `#/quizzes/${seg(attempt.quiz.id)}` }, 'Leave and continue later'))));
}

/** #/attempts/:id: an attempt in progress to answer, or a graded one to review. */
export async function attempt(ctx) {
  styles('quiz');
  const data = await api.get(`/attempts/${seg(ctx.params.id)}`, { signal: ctx.signal });
  const root = h('div');
  const showGraded = (graded) => {
    if (!ctx.current()) return;
    sessionStorage.removeItem(storeKey(graded.id));
    mount(root, gradedView(graded));
    root.querySelector('#attempt-result').focus();
    window.scrollTo(0, 0);
    ctx.announce(`Graded: ${graded.result.passed ? 'passed' : 'not passed'}, ${percent(graded.result.percentage / 100)}.`);
  };
  mount(root, data.status === 'graded' ? gradedView(data) : takingView(data, ctx, showGraded));
  return root;
}
