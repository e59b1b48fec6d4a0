// The preview page: a form for one class (zone, slots, tutor assignments, weeks), and the
// calendar the engine plans for it, recomputed on every keystroke. Static files, no network
// beyond this origin: the engine is the `web` build in ../pkg/web/.
import init, { plan, tzdbVersion } from '../pkg/web/genova_sessions_wasm.js';
import { example } from './example.js';
import * as model from './model.js';

let state = example();
let lastExisting = [];
let revision = 0;
let scheduled = false;
let counter = 0;

const $ = (selector) => document.querySelector(selector);
const esc = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** A unique id for a new row. */
const newId = (prefix) => `${prefix}-new-${++counter}`;

// ---- the form -------------------------------------------------------------------------

/** The `<option>`s of a select; a value that is no longer a choice (a removed tutor or slot) stays, marked. */
function optionsHtml(choices, value) {
  const known = choices.some((c) => String(c.value) === String(value));
  const missing = known ? '' : `<option value="${esc(value)}" selected>(removed: ${esc(value)})</option>`;
  return (
    missing +
    choices.map((c) => `<option value="${esc(c.value)}"${String(c.value) === String(value) ? ' selected' : ''}>${esc(c.label)}</option>`).join('')
  );
}

/** One labelled input with its error slot. `bind` is the state path, `path` the snapshot's. */
function field({ label, bind, path, value, type = 'text', cls = '', attrs = '', choices, wrap = '' }) {
  const common = `data-bind="${esc(bind)}" data-path="${esc(path)}" id="f-${esc(bind)}" ${attrs}`;
  let control;
  if (choices) {
    control = `<select ${common} class="${cls}">${optionsHtml(choices, value)}</select>`;
  } else if (type === 'checkbox') {
    return `<label class="field check ${wrap}"><input type="checkbox" ${common}${value ? ' checked' : ''}> ${esc(label)}
      <small class="field-error" data-error-for="${esc(path)}"></small></label>`;
  } else if (type === 'textarea') {
    control = `<textarea ${common} class="${cls}" spellcheck="false">${esc(value)}</textarea>`;
  } else {
    control = `<input type="${type}" ${common} class="${cls}" value="${esc(value)}">`;
  }
  return `<label class="field ${wrap}"><span>${esc(label)}</span>${control}
    <small class="field-error" data-error-for="${esc(path)}"></small></label>`;
}

const tutorChoices = () => state.tutors.map((t) => ({ value: t.id, label: t.name || t.id }));
const slotChoices = () => state.slots.map((s) => ({ value: s.id, label: `${s.subject || '(no subject)'} · ${model.DAYS[s.dayOfWeek]?.slice(0, 3) ?? '?'}` }));
const dayChoices = model.DAYS.map((d, i) => ({ value: String(i), label: d }));
const patternChoices = model.PATTERNS.map((p) => ({ value: p, label: p }));

function renderForm() {
  const k = state.klass;
  const html = [];
  html.push(`<h2>Window</h2><div class="row">
    ${field({ label: 'Plan from (now)', bind: 'now', path: 'options.now', value: state.now, cls: 'mono', wrap: 'grow' })}
    ${field({ label: 'Weeks', bind: 'weeks', path: 'options.weeks', value: state.weeks, type: 'number', cls: 'num', attrs: 'min="1" max="52"' })}
    ${field({ label: 'Currency', bind: 'currency', path: 'currency', value: state.currency, cls: 'num' })}
  </div>`);
  html.push(`<h2>Class</h2><div class="row">
    ${field({ label: 'Name', bind: 'klass.name', path: 'classes[0].name', value: k.name, wrap: 'grow' })}
    ${field({ label: 'Time zone', bind: 'klass.timezone', path: 'classes[0].timezone', value: k.timezone, attrs: 'list="zones"', wrap: 'grow' })}
    ${field({ label: 'Members', bind: 'klass.memberCount', path: 'classes[0].memberCount', value: k.memberCount, cls: 'num' })}
    ${field({ label: 'Rate without tutor', bind: 'klass.defaultHourlyRate', path: 'classes[0].defaultHourlyRate', value: k.defaultHourlyRate, cls: 'num' })}
  </div>`);
  html.push(`<h2>Tutors <button type="button" class="add" data-action="add-tutor">+ tutor</button></h2>`);
  state.tutors.forEach((t, i) => {
    html.push(`<div class="card row" data-row="tutor-${esc(t.id)}">
      ${field({ label: `Tutor ${esc(t.id)}`, bind: `tutors.${i}.name`, path: `tutors[${i}].id`, value: t.name, wrap: 'grow' })}
      ${field({ label: 'Hourly rate', bind: `tutors.${i}.hourlyRate`, path: `tutors[${i}].hourlyRate`, value: t.hourlyRate, cls: 'num' })}
      <button type="button" class="small" data-action="remove-tutor" data-index="${i}" title="Remove">✕</button>
    </div>`);
  });
  html.push(`<h2>Time slots <button type="button" class="add" data-action="add-slot">+ slot</button></h2>`);
  state.slots.forEach((s, i) => {
    html.push(`<div class="card" data-row="slot-${esc(s.id)}">
      <div class="card-head"><span>Slot ${esc(s.id)}</span><button type="button" class="small" data-action="remove-slot" data-index="${i}" title="Remove">✕</button></div>
      <div class="row">
        ${field({ label: 'Subject', bind: `slots.${i}.subject`, path: `timeSlots[${i}].subject`, value: s.subject, wrap: 'grow' })}
        ${field({ label: 'Day', bind: `slots.${i}.dayOfWeek`, path: `timeSlots[${i}].dayOfWeek`, value: s.dayOfWeek, choices: dayChoices })}
        ${field({ label: 'Start', bind: `slots.${i}.startTime`, path: `timeSlots[${i}].startTime`, value: s.startTime, cls: 'time', attrs: 'placeholder="HH:MM" inputmode="numeric"' })}
        ${field({ label: 'End', bind: `slots.${i}.endTime`, path: `timeSlots[${i}].endTime`, value: s.endTime, cls: 'time', attrs: 'placeholder="HH:MM" inputmode="numeric"' })}
        ${field({ label: 'active', bind: `slots.${i}.active`, path: `timeSlots[${i}].isActive`, value: s.active, type: 'checkbox' })}
      </div></div>`);
  });
  html.push(`<h2>Tutor assignments <button type="button" class="add" data-action="add-assignment">+ assignment</button></h2>
    <p class="lede">In order: for each session, the first assignment that claims it gives the tutor.</p>`);
  const targets = model.targetChoices(state);
  state.assignments.forEach((a, i) => {
    html.push(`<div class="card" data-row="assignment-${esc(a.id)}">
      <div class="card-head"><span>#${i + 1} · ${esc(a.id)}</span><span>
        <button type="button" class="small" data-action="up-assignment" data-index="${i}" title="Earlier"${i === 0 ? ' disabled' : ''}>↑</button>
        <button type="button" class="small" data-action="down-assignment" data-index="${i}" title="Later"${i === state.assignments.length - 1 ? ' disabled' : ''}>↓</button>
        <button type="button" class="small" data-action="remove-assignment" data-index="${i}" title="Remove">✕</button></span></div>
      <div class="row">
        ${field({ label: 'Sessions of', bind: `assignments.${i}.target`, path: `tutorAssignments[${i}].timeSlotId`, value: a.target, choices: targets, wrap: 'grow', attrs: 'data-choices="targets"' })}
        ${field({ label: 'Tutor', bind: `assignments.${i}.tutorId`, path: `tutorAssignments[${i}].tutorId`, value: a.tutorId, choices: tutorChoices(), wrap: 'grow', attrs: 'data-choices="tutors"' })}
      </div>
      <div class="row">
        ${field({ label: 'Pattern', bind: `assignments.${i}.pattern`, path: `tutorAssignments[${i}].recurrencePattern`, value: a.pattern, choices: patternChoices })}
        ${field({ label: 'Config (JSON)', bind: `assignments.${i}.config`, path: `tutorAssignments[${i}].recurrenceConfig`, value: a.config, cls: 'mono', wrap: 'grow', attrs: `placeholder="${esc(model.CONFIG_HINTS[a.pattern] ?? '')}"` })}
      </div>
      <div class="row">
        ${field({ label: 'From', bind: `assignments.${i}.startDate`, path: `tutorAssignments[${i}].startDate`, value: a.startDate, type: 'date' })}
        ${field({ label: 'Until', bind: `assignments.${i}.endDate`, path: `tutorAssignments[${i}].endDate`, value: a.endDate, type: 'date' })}
        ${field({ label: 'active', bind: `assignments.${i}.active`, path: `tutorAssignments[${i}].isActive`, value: a.active, type: 'checkbox' })}
      </div></div>`);
  });
  html.push(`<h2>Cancelled weeks <button type="button" class="add" data-action="add-cancellation">+ week</button></h2>`);
  state.cancellations.forEach((c, i) => {
    html.push(`<div class="card row" data-row="cancellation-${esc(c.id)}">
      ${field({ label: 'Slot', bind: `cancellations.${i}.slotId`, path: `slotCancellations[${i}].timeSlotId`, value: c.slotId, choices: slotChoices(), attrs: 'data-choices="slots"' })}
      ${field({ label: 'Week of (Monday)', bind: `cancellations.${i}.week`, path: `slotCancellations[${i}].weekStart`, value: c.week, type: 'date' })}
      ${field({ label: 'Reason', bind: `cancellations.${i}.reason`, path: `slotCancellations[${i}].reason`, value: c.reason, wrap: 'grow' })}
      <button type="button" class="small" data-action="remove-cancellation" data-index="${i}" title="Remove">✕</button>
    </div>`);
  });
  html.push(`<h2>Existing sessions</h2>
    ${field({ label: 'As stored (JSON rows)', bind: 'existingText', path: 'existingSessions', value: state.existingText, type: 'textarea', wrap: 'wide' })}
    <h3>Sessions written by the old generator</h3>
    <p class="lede">The old TypeScript generator stored each session at the slot's times read in its
      <em>server's</em> time zone, not the class's: on a UTC server, Monday 14:00 in Douala was stored as
      14:00 UTC (15:00 in Douala). Name the zone the old servers ran in (cloud servers: usually <code>UTC</code>)
      and each such stored session shows as a <b>move</b> to its right time, instead of a conflict with a new
      session beside it. Not sure which zone? Try each candidate: the right one moves the most sessions
      (operators: <code>genova-sessions migrate --dry-run --legacy-timezone ZONE</code> counts them for the whole
      platform). Keep it set until no session the old generator wrote lies ahead, then leave it empty.</p>
    <div class="row">
      ${field({ label: "Old generator's zone (legacyTimezone)", bind: 'legacyTimezone', path: 'options.legacyTimezone', value: state.legacyTimezone, attrs: 'list="zones" placeholder="off (e.g. UTC)"', wrap: 'grow' })}
    </div>
    <p><button type="button" data-action="reset">Reset the example</button></p>`);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  html.push(`<datalist id="zones">${zones.map((z) => `<option value="${esc(z)}">`).join('')}</datalist>`);
  $('#editor').innerHTML = html.join('\n');
}

/** Refreshes the labels of the selects that list slots and tutors (their names change as you type). */
function refreshChoices() {
  const lists = { targets: model.targetChoices(state), tutors: tutorChoices(), slots: slotChoices() };
  for (const select of document.querySelectorAll('select[data-choices]')) {
    const choices = lists[select.dataset.choices];
    select.innerHTML = optionsHtml(choices, select.value);
  }
}

/** Sets the state value a form control is bound to. */
function setBound(control) {
  const keys = control.dataset.bind.split('.');
  let target = state;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys.at(-1)] = control.type === 'checkbox' ? control.checked : control.value;
  if (/^(slots\.\d+\.(subject|dayOfWeek|startTime)|tutors\.\d+\.name)$/.test(control.dataset.bind)) refreshChoices();
  if (/^assignments\.\d+\.pattern$/.test(control.dataset.bind)) {
    const config = document.getElementById(`f-${control.dataset.bind.replace(/pattern$/, 'config')}`);
    if (config) config.placeholder = model.CONFIG_HINTS[control.value] ?? '';
  }
}

function act(action, index) {
  const move = (list, from, to) => list.splice(to, 0, list.splice(from, 1)[0]);
  switch (action) {
    case 'add-tutor':
      state.tutors.push({ id: newId('t'), name: 'New tutor', hourlyRate: '4000.00' });
      break;
    case 'remove-tutor':
      state.tutors.splice(index, 1);
      break;
    case 'add-slot':
      state.slots.push({ id: newId('s'), subject: 'Français', dayOfWeek: '5', startTime: '15:00', endTime: '17:00', active: true });
      break;
    case 'remove-slot':
      state.slots.splice(index, 1);
      break;
    case 'add-assignment':
      state.assignments.push({
        id: newId('a'),
        target: state.slots[0] ? `slot:${state.slots[0].id}` : 'subject:',
        tutorId: state.tutors[0]?.id ?? '',
        pattern: 'ROUND_ROBIN',
        config: '',
        startDate: '',
        endDate: '',
        active: true,
      });
      break;
    case 'remove-assignment':
      state.assignments.splice(index, 1);
      break;
    case 'up-assignment':
      if (index > 0) move(state.assignments, index, index - 1);
      break;
    case 'down-assignment':
      if (index < state.assignments.length - 1) move(state.assignments, index, index + 1);
      break;
    case 'add-cancellation':
      state.cancellations.push({ id: newId('x'), slotId: state.slots[0]?.id ?? '', week: '', reason: '' });
      break;
    case 'remove-cancellation':
      state.cancellations.splice(index, 1);
      break;
    case 'reset':
      state = example();
      break;
    default:
      return;
  }
  renderForm();
  schedule();
}

// ---- the calendar ---------------------------------------------------------------------

function sessionHtml(item, currency) {
  const price = (p) => (p == null ? '' : `${esc(model.formatMoney(p))} ${esc(currency)}`);
  const when = `<div class="when">${esc(item.day)} · ${esc(item.time)}</div>`;
  const attrs = `data-kind="${item.kind}" data-tutor="${esc(item.tutorId ?? '')}"`;
  switch (item.kind) {
    case 'create': {
      const status = item.status === 'CONFIRMED' ? 'confirmed' : 'pending';
      const why = item.pattern ? `${esc(item.pattern)}${item.ordinal == null ? '' : ` · turn ${item.ordinal}`}` : 'no assignment claims it';
      return `<div class="session ${status}" ${attrs}>${when}
        <div class="tutor">${esc(item.tutor ?? 'Unassigned')}</div>
        <div class="meta"><span class="badge ${status}">${esc(item.status)}</span><span class="price">${price(item.price)}</span></div>
        <div class="why">${why}</div></div>`;
    }
    case 'existing':
      return `<div class="session existing" ${attrs}>${when}
        <div class="tutor">${esc(item.tutor ?? 'Unassigned')}</div>
        <div class="meta"><span class="badge existing">EXISTING · ${esc(item.status ?? '?')}</span><span class="price">${price(item.price)}</span></div>
        <div class="why">already stored as ${esc(item.sessionId)}, kept as it is</div></div>`;
    case 'move':
      return `<div class="session move" ${attrs}>${when}
        <div class="tutor">${esc(item.tutor ?? 'Unassigned')}</div>
        <div class="meta"><span class="badge move">MOVE · ${esc(item.status ?? '?')}</span><span class="price">${price(item.price)}</span></div>
        <div class="why">stored by the old generator as ${esc(item.sessionId)} at ${esc(item.from.day)} · ${esc(item.from.time)}; moves here, keeping its tutor, status and price</div></div>`;
    case 'conflict':
      return `<div class="session conflict" ${attrs}>${when}
        <div class="tutor">${esc(item.tutor ?? 'Unassigned')}</div>
        <div class="meta"><span class="badge conflict">CONFLICT · ${esc(item.conflict)}</span></div>
        <div class="why">${esc(item.sessionId)}${item.stored ? ` is stored ${esc(item.stored.day)} · ${esc(item.stored.time)}` : ''}${
          item.conflict === 'LEGACY_DUPLICATE' ? ': the same session stored a second time, at the old generator\'s time; decide which row to keep' : '; nothing is created'
        }</div></div>`;
    case 'skipped':
      return `<div class="session skipped" ${attrs}>${when}
        <div class="tutor">Cancelled week</div>
        <div class="why">${esc(item.reason || item.cancellationId)}</div></div>`;
    default:
      return '';
  }
}

function renderCalendar(calendar) {
  const head = calendar.columns
    .map((c) => {
      const s = c.slot;
      const rotation = c.rotations.length
        ? c.rotations
            .map((r) => `${r.names.map(esc).join(' → ')}${r.complete ? ' ↻' : ' …'}${c.rotations.length > 1 ? ` <span class="slot-when">(${esc(r.pattern)})</span>` : ''}`)
            .join('; ')
        : '<span class="slot-when">no rotating assignment claims here</span>';
      const next = c.next
        ? `${esc(c.next.tutor)} <span class="slot-when">(${esc(c.next.day)} ${esc(c.next.time.split('–')[0])}${c.next.existing ? ', existing' : ''})</span>`
        : '—';
      return `<th data-slot="${esc(s.id)}">
        <div class="slot-title">${esc(s.subject || '(no subject)')}</div>
        <div class="slot-when">${esc(model.DAYS[s.dayOfWeek] ?? `day ${s.dayOfWeek}`)} ${esc(s.startTime)}–${esc(s.endTime)}${s.isActive ? '' : ' · inactive'}</div>
        <div class="slot-meta" data-role="rotation"><b>Turn order:</b> ${rotation}</div>
        <div class="slot-meta" data-role="next"><b>Next tutor:</b> ${next}</div>
        ${c.assignments.length ? `<div class="slot-when">Assigned: ${c.assignments.map(esc).join(', ')}</div>` : ''}
        ${c.error ? `<div class="slot-error">${esc(c.error)}</div>` : ''}
        ${c.warnings.map((w) => `<div class="slot-warning">⚠ ${esc(w)}</div>`).join('')}
      </th>`;
    })
    .join('');
  const rows = calendar.weeks
    .map((week, w) => {
      const cells = calendar.columns
        .map((c) => {
          const items = c.cells[w];
          const body = items.length ? items.map((item) => sessionHtml(item, state.currency)).join('') : '<span class="empty">—</span>';
          const label = `${c.slot.subject || '(no subject)'} · ${model.DAYS[c.slot.dayOfWeek] ?? `day ${c.slot.dayOfWeek}`} ${c.slot.startTime}`;
          return `<td data-slot="${esc(c.slot.id)}" data-week="${w + 1}" data-label="${esc(label)}">${body}</td>`;
        })
        .join('');
      return `<tr><th class="week" scope="row">Week ${w + 1} <small>${esc(week.label)}</small></th>${cells}</tr>`;
    })
    .join('');
  $('#calendar').innerHTML = `<table class="calendar" data-zone="${esc(calendar.zone)}">
    <thead><tr><th class="week zone">Times in ${esc(calendar.zone)}</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Puts each message next to its field; returns those that belong to no field. */
function showErrors(messages) {
  for (const slot of document.querySelectorAll('.field-error')) {
    slot.textContent = '';
    slot.classList.remove('warning');
  }
  for (const control of document.querySelectorAll('[aria-invalid], .warned')) {
    control.removeAttribute('aria-invalid');
    control.classList.remove('warned');
  }
  const unplaced = [];
  const parent = (p) => {
    const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    return up === p ? null : up;
  };
  for (const m of messages) {
    let slot = null;
    for (let path = m.path; path && !slot; path = parent(path)) {
      slot = document.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    }
    if (!slot) {
      unplaced.push(m);
      continue;
    }
    const hadError = slot.textContent !== '' && !slot.classList.contains('warning');
    slot.textContent = slot.textContent ? `${slot.textContent} · ${m.message}` : m.message;
    const control = slot.parentElement.querySelector('[data-bind]');
    if (m.level === 'warning' && !hadError) {
      slot.classList.add('warning');
      control?.classList.add('warned');
    } else if (m.level !== 'warning') {
      slot.classList.remove('warning');
      control?.classList.remove('warned');
      control?.setAttribute('aria-invalid', 'true');
    }
  }
  return unplaced;
}

function renderStatus(result, failure) {
  const status = $('#status');
  const wrap = $('#calendar');
  if (failure) {
    status.className = 'status stale';
    status.innerHTML = `<b>Input error</b> — ${esc(failure.full)}. The calendar shows the last valid preview.`;
    wrap.classList.add('stale');
    return;
  }
  const s = result.summary;
  status.className = s.errors + s.warnings > 0 ? 'status attention' : 'status';
  const moves = s.legacyMoves > 0 ? ` · ${s.legacyMoves} to move` : '';
  status.innerHTML = `<b>Up to date</b> <span class="counts">· ${s.sessionsToCreate} to create · ${s.existingPreserved} existing${moves} · ${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'} · ${s.skippedCancelled} cancelled · ${s.warnings} warning${s.warnings === 1 ? '' : 's'} · ${s.errors} error${s.errors === 1 ? '' : 's'}</span>`;
  wrap.classList.remove('stale');
}

function renderNotes(unplaced) {
  const items = unplaced.map((m) => `<li class="${m.level ?? 'error'}">${esc(m.message)}</li>`).join('');
  $('#notes').innerHTML = items ? `<b>Notes</b><ul>${items}</ul>` : '';
}

function update() {
  scheduled = false;
  revision++;
  try {
    const input = model.toInput(state, lastExisting);
    lastExisting = input.existing;
    const messages = [...input.localErrors];
    let result = null;
    let failure = null;
    try {
      result = plan(input.snapshot, input.options);
    } catch (e) {
      failure = model.placeFailure(e);
      messages.push({ path: failure.path, message: failure.message, level: 'error' });
    }
    if (result) {
      messages.push(...model.placeFindings(result, input));
      renderCalendar(model.calendarOf(result, state, input));
    }
    renderNotes(showErrors(messages));
    renderStatus(result, failure);
  } catch (e) {
    // A bug here must not blank the page: say so and keep the last calendar.
    const status = $('#status');
    status.className = 'status stale';
    status.textContent = `The preview failed: ${e?.message ?? e}`;
    console.warn(e);
  }
  document.body.dataset.revision = String(revision);
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(update);
}

async function main() {
  renderForm();
  const editor = $('#editor');
  editor.addEventListener('input', (event) => {
    if (!event.target.dataset?.bind) return;
    setBound(event.target);
    schedule();
  });
  editor.addEventListener('change', (event) => {
    if (!event.target.dataset?.bind) return;
    setBound(event.target);
    schedule();
  });
  editor.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    event.preventDefault();
    act(button.dataset.action, Number(button.dataset.index));
  });
  editor.addEventListener('submit', (event) => event.preventDefault());
  try {
    await init();
  } catch (e) {
    const status = $('#status');
    status.className = 'status stale';
    status.textContent = `Could not load the engine (${e?.message ?? e}). Build it with: npm run build`;
    return;
  }
  $('#tzdb').textContent = tzdbVersion();
  update();
}

main();
