// A lesson: its latest published version, rendered from Markdown without ever parsing HTML, the skills it
// teaches, the reader's completion (signed in) and quizzes on the same skills.
import { h, when, section } from '../dom.js';
import { api, ApiError, seg } from '../api.js';
import { failure, styles } from '../ui.js';
import { session } from '../session.js';
import { render as markdown } from '../markdown.js';

const MAX_COMPLETION_PAGES = 5; // completions come newest first, 100 a page; a reader rarely has more than 500

// The reader's completion of this lesson, newest first (the API has no filter by lesson, so it pages).
async function findCompletion(slug, signal) {
  for (let page = 0; page < MAX_COMPLETION_PAGES; page += 1) {
    const answer = await api.get(`/learners/me/completions?size=100&page=${page}`, { signal });
    const found = answer.items.find((c) => c.lessonSlug === slug);
    if (found || page + 1 >= answer.totalPages) return found || null;
  }
  return null;
}

function skillLinks(skills) {
  if (!skills || !skills.length) return null;
  return h('p', { class: 'lesson-skills' }, 'Teaches: ',
    skills.map((skill, k) => [k ? ', ' : null, h('a', { href: `#/skills/${seg(skill.slug)}` }, skill.name)]));
}

function meta(lesson) {
  return h('p', { class: 'lesson-meta muted' },
    lesson.level ? h('span', { class: 'tag' }, lesson.level) : null, ' ',
    lesson.estimatedMinutes ? `About ${lesson.estimatedMinutes} min · ` : null,
    `Version ${lesson.version}, published ${when(lesson.publishedAt)}`);
}

// Shows the button's state from a completion: done for this version, done for an older one, or not yet.
function showCompletion(button, note, lesson, completion) {
  if (completion && completion.version === lesson.version) {
    button.textContent = 'Completed';
    button.disabled = true;
    button.setAttribute('aria-pressed', 'true');
    note.textContent = `You completed this lesson on ${when(completion.completedAt)}.`;
  } else if (completion) {
    note.textContent = `You completed version ${completion.version} on ${when(completion.completedAt)}; this is version ${lesson.version}.`;
  }
}

function progress(lesson, ctx) {
  if (!session.user()) {
    // Signing in comes back here (the sign-in screen reads this key).
    const remember = () => sessionStorage.setItem('skillpath.after-signin', `/lessons/${lesson.slug}`);
    return h('p', { class: 'lesson-progress muted' },
      h('a', { href: '#/signin', onclick: remember }, 'Sign in to track progress'), ' and mark lessons as completed.');
  }
  const note = h('span', { class: 'muted', 'aria-live': 'polite' });
  const status = h('div');
  const button = h('button', { type: 'button', id: 'complete-lesson', class: 'primary', 'aria-pressed': 'false' }, 'Mark as completed');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren();
    try {
      const completion = await api.post(`/lessons/${seg(lesson.slug)}/completions`, undefined, { signal: ctx.signal });
      showCompletion(button, note, lesson, completion);
      ctx.announce('Lesson marked as completed.');
    } catch (error) {
      if (error.name === 'AbortError') return;
      button.disabled = false;
      status.append(failure(error));
    }
  });
  findCompletion(lesson.slug, ctx.signal)
    .then((completion) => showCompletion(button, note, lesson, completion))
    .catch(() => { /* not knowing the earlier completion leaves the button usable: completing twice is harmless */ });
  return h('div', { class: 'lesson-progress' }, h('div', { class: 'row' }, button, note), status);
}

// Quizzes on any of the lesson's skills, once each, filled in when they arrive.
function relatedQuizzes(lesson, ctx) {
  const list = h('ul', { class: 'plain' });
  const box = section('Check what you learned', list);
  box.hidden = true;
  Promise.all((lesson.skills || []).map((skill) => api.get(`/quizzes?skill=${seg(skill.slug)}&size=20`, { signal: ctx.signal })))
    .then((pages) => {
      const seen = new Map();
      pages.flatMap((p) => p.items).filter((q) => q.status !== 'draft' && q.status !== 'retired')
        .forEach((q) => seen.set(q.id, q));
      list.replaceChildren(...[...seen.values()].map((q) => h('li', null,
        h('a', { href: `#/quizzes/${seg(q.id)}` }, q.title),
        h('span', { class: 'muted' }, ` · ${q.questionCount} question${q.questionCount === 1 ? '' : 's'}`))));
      box.hidden = seen.size === 0;
    })
    .catch(() => { /* the quizzes are a suggestion; the lesson reads fine without them */ });
  return box;
}

export async function render(ctx) {
  styles('content');
  let lesson;
  try {
    lesson = await api.get(`/lessons/${seg(ctx.params.slug)}`, { signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return h('div', null, h('h1', null, 'Lesson not found'), failure(error),
      h('p', null, h('a', { href: '#/search?q=' }, 'Search the lessons'), ' or ', h('a', { href: '#/graph' }, 'browse the skills'), '.'));
  }
  return h('article', { class: 'lesson', 'aria-labelledby': 'lesson-title' },
    h('header', { class: 'lesson-head' },
      h('h1', { id: 'lesson-title' }, lesson.title),
      lesson.summary ? h('p', { class: 'lesson-summary' }, lesson.summary) : null,
      meta(lesson),
      skillLinks(lesson.skills),
      progress(lesson, ctx)),
    h('div', { id: 'lesson-body', class: 'markdown' }, markdown(lesson.body)),
    relatedQuizzes(lesson, ctx));
}
