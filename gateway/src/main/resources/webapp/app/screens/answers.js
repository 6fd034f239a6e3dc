// One answer widget per question type, shared by quiz attempts and practice sessions, and the review of an
// answer once graded. A widget's value() is exactly the API's answer shape for its type (docs/quiz.md), or null
// while nothing answerable is entered.
import { h, percent } from '../dom.js';

const TYPE_NAMES = {
  single_choice: 'Choose one',
  multiple_choice: 'Choose all that apply',
  true_false: 'True or false',
  short_text: 'Type your answer',
  numeric: 'Enter a number',
  ordering: 'Put in order, first at the top',
};

/** How to answer a question type, in a few words. */
export const typeHint = (type) => TYPE_NAMES[type] || '';

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

function frame(question, ...children) {
  return h('fieldset', { class: ['answer', `answer-${question.type}`] },
    h('legend', null, question.prompt),
    h('p', { class: 'muted hint' }, typeHint(question.type)),
    ...children);
}

// A radio or checkbox with its label; every one keyboard reachable as native inputs are.
function choiceInput(type, name, value, text, checked, onchange) {
  const id = nextId('ans');
  return h('div', { class: 'choice' },
    h('input', { type, id, name, value, checked, onchange }),
    h('label', { for: id }, text));
}

function singleChoice(question, saved, onChange) {
  const name = nextId('q');
  const node = frame(question, question.options.map((o) => choiceInput('radio', name, o.id, o.text,
    saved && saved.choice === o.id, () => onChange(value(), false))));
  const value = () => {
    const picked = node.querySelector('input:checked');
    return picked ? { choice: picked.value } : null;
  };
  return { node, value };
}

function multipleChoice(question, saved, onChange) {
  const name = nextId('q');
  const chosen = new Set((saved && saved.choices) || []);
  const node = frame(question, question.options.map((o) => choiceInput('checkbox', name, o.id, o.text,
    chosen.has(o.id), () => onChange(value(), false))));
  // An empty list is a valid answer (none chosen), so unticking everything is saved too.
  const value = () => ({ choices: [...node.querySelectorAll('input:checked')].map((i) => i.value) });
  return { node, value, empty: () => value().choices.length === 0 };
}

function trueFalse(question, saved, onChange) {
  const name = nextId('q');
  const was = saved && typeof saved.value === 'boolean' ? saved.value : null;
  const node = frame(question,
    choiceInput('radio', name, 'true', 'True', was === true, () => onChange(value(), false)),
    choiceInput('radio', name, 'false', 'False', was === false, () => onChange(value(), false)));
  const value = () => {
    const picked = node.querySelector('input:checked');
    return picked ? { value: picked.value === 'true' } : null;
  };
  return { node, value };
}

function shortText(question, saved, onChange) {
  const id = nextId('ans');
  const input = h('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false', maxlength: 500,
    value: (saved && saved.text) || '', oninput: () => onChange(value(), true) });
  const node = frame(question, h('label', { class: 'field', for: id }, h('span', null, 'Your answer'), input));
  const value = () => ({ text: input.value });
  return { node, value, empty: () => input.value.trim() === '' };
}

function numeric(question, saved, onChange) {
  const id = nextId('ans');
  const input = h('input', { type: 'number', id, step: 'any', inputmode: 'decimal',
    value: saved && typeof saved.number === 'number' ? String(saved.number) : '',
    oninput: () => onChange(value(), true) });
  const node = frame(question, h('label', { class: 'field', for: id }, h('span', null, 'Your answer'), input));
  // The browser reports a half-typed or invalid number as empty: nothing to save until it is a number.
  const value = () => (input.value.trim() === '' || Number.isNaN(input.valueAsNumber) ? null : { number: input.valueAsNumber });
  return { node, value };
}

function ordering(question, saved, onChange, options) {
  const byId = new Map(question.options.map((o) => [o.id, o]));
  const savedOrder = saved && Array.isArray(saved.order) && saved.order.length === byId.size
    && saved.order.every((id) => byId.has(id)) ? saved.order : null;
  let order = savedOrder ? [...savedOrder] : question.options.map((o) => o.id);
  let touched = Boolean(savedOrder);
  const list = h('ol', { class: 'ordering' });
  const said = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  // The shown order is a random draw, not an answer: the learner moves an item or confirms it as it is.
  const keep = options.confirmOrder
    ? h('button', { type: 'button', class: 'secondary keep-order', onclick: () => changed() }, 'Use this order')
    : null;

  function changed() {
    touched = true;
    if (keep) keep.hidden = true;
    onChange(value(), false);
  }

  function move(id, step, direction) {
    const from = order.indexOf(id);
    const to = from + step;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to], order[from]];
    draw();
    // Keep the keyboard on the item that moved; at an edge the other button is the one still usable.
    const buttons = list.querySelector(`[data-item="${id}"]`).querySelectorAll('button');
    const wanted = direction === 'up' ? buttons[0] : buttons[1];
    (wanted.disabled ? buttons[direction === 'up' ? 1 : 0] : wanted).focus();
    said.textContent = `${byId.get(id).text}: position ${to + 1} of ${order.length}`;
    changed();
  }

  function draw() {
    list.replaceChildren(...order.map((id, i) => {
      const text = byId.get(id).text;
      return h('li', { dataset: { item: id } },
        h('span', { class: 'item-text' }, text),
        h('span', { class: 'moves' },
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Move up: ${text}`, disabled: i === 0,
            onclick: () => move(id, -1, 'up') }, '↑ Up'),
          h('button', { type: 'button', class: 'secondary', 'aria-label': `Move down: ${text}`,
            disabled: i === order.length - 1, onclick: () => move(id, 1, 'down') }, '↓ Down')));
    }));
  }

  draw();
  if (keep && touched) keep.hidden = true;
  const node = frame(question, list, keep, said);
  const value = () => ({ order: [...order] });
  return { node, value, empty: () => !touched };
}

const WIDGETS = {
  single_choice: singleChoice,
  multiple_choice: multipleChoice,
  true_false: trueFalse,
  short_text: shortText,
  numeric,
  ordering,
};

/**
 * The widget for a question: {node, value(), isEmpty(), disable()}. onChange(value, typing) is called on every
 * edit, typing true for text the caller should debounce. options.confirmOrder adds 'Use this order' to ordering.
 */
export function widget(question, saved, onChange, options = {}) {
  const make = WIDGETS[question.type];
  if (!make) {
    const node = h('fieldset', { class: 'answer' }, h('legend', null, question.prompt),
      h('p', { class: 'warn' }, `This app cannot show a ${question.type} question yet.`));
    return { node, value: () => null, isEmpty: () => true, disable() {} };
  }
  const w = make(question, saved, onChange, options);
  return {
    node: w.node,
    value: w.value,
    isEmpty: () => w.value() === null || (w.empty ? w.empty() : false),
    disable() { w.node.disabled = true; },
  };
}

function optionText(question, id) {
  const option = (question.options || []).find((o) => o.id === id);
  return option ? option.text : id;
}

/** An answer in words: "Python, Java", "True", "git clone", "404". */
export function describe(question, answer) {
  if (!answer) return null;
  if ('choice' in answer) return optionText(question, answer.choice);
  if ('choices' in answer) return answer.choices.length ? answer.choices.map((id) => optionText(question, id)).join(', ') : null;
  if ('value' in answer) return answer.value ? 'True' : 'False';
  if ('text' in answer) return answer.text.trim() ? answer.text : null;
  if ('number' in answer) return String(answer.number);
  if ('order' in answer) return answer.order.map((id) => optionText(question, id)).join(' → ');
  return null;
}

function verdict(review, points) {
  const score = typeof review.score === 'number' ? ` · ${+review.score.toFixed(2)} of ${points} point${points === 1 ? '' : 's'}` : '';
  if (review.correct) return h('p', { class: 'verdict ok' }, h('strong', null, '✓ Correct'), score);
  if (review.credit > 0) return h('p', { class: 'verdict warn' }, h('strong', null, `◐ Partly correct (${percent(review.credit)})`), score);
  return h('p', { class: 'verdict bad' }, h('strong', null, '✗ Not correct'), score);
}

// Choice questions: every option, marked as chosen and (when the API gives the key) correct.
function optionMarks(question, answer, correctAnswer) {
  const chosen = new Set(answer ? [answer.choice, ...(answer.choices || [])].filter(Boolean) : []);
  const right = new Set(correctAnswer ? [correctAnswer.choice, ...(correctAnswer.choices || [])].filter(Boolean) : []);
  return h('ul', { class: 'marks' }, question.options.map((o) => h('li', {
    class: [chosen.has(o.id) && 'chosen', correctAnswer && right.has(o.id) && 'right'],
  }, o.text, ' ',
  chosen.has(o.id) ? h('span', { class: 'tag' }, 'your choice') : null, ' ',
  correctAnswer && right.has(o.id) ? h('span', { class: 'tag tag-right' }, 'correct') : null)));
}

function correctLine(question, review) {
  if (!review.correctAnswer) return null;
  let text = describe(question, review.correctAnswer);
  if (typeof review.tolerance === 'number' && review.tolerance > 0) text += ` (± ${review.tolerance})`;
  return h('p', null, h('span', { class: 'muted' }, 'Correct answer: '), text,
    review.acceptedAnswers && review.acceptedAnswers.length > 1
      ? h('span', { class: 'muted' }, ` · accepted: ${review.acceptedAnswers.join(', ')}`) : null);
}

/**
 * A graded answer: the learner's answer and, when review is given (the policy allows it), correctness, feedback
 * and the correct answer only as far as the API sent them. verdict: false leaves out the "Correct" line (the
 * caller says it already).
 */
export function reviewOf(question, answer, review, { verdict: showVerdict = true } = {}) {
  const choice = question.type === 'single_choice' || question.type === 'multiple_choice';
  const yours = describe(question, answer);
  const feedback = review ? [...(review.feedback || []), review.generalFeedback].filter(Boolean) : [];
  return h('div', { class: 'review' },
    review && showVerdict ? verdict(review, question.points) : null,
    choice
      ? optionMarks(question, answer, review && review.correctAnswer)
      : h('p', null, h('span', { class: 'muted' }, 'Your answer: '), yours === null ? h('em', null, 'not answered') : yours),
    choice && yours === null ? h('p', { class: 'muted' }, 'Not answered.') : null,
    review && !choice ? correctLine(question, review) : null,
    feedback.length ? h('div', { class: 'feedback' }, feedback.map((f) => h('p', null, f))) : null);
}
