// The preview page in headless Chromium: it loads the seeded class, its calendar is the
// engine's plan, changing a pattern changes the tutors as the rules say, and bad input
// shows next to its field without blanking the page. Screenshots go to test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, nodeBuild } from './support/paths.mjs';
import { openBrowser } from './support/browser.mjs';
import { example } from '../preview/example.js';
import { calendarOf, toInput } from '../preview/model.js';

/** `[[kind, tutorId]...]` of one slot's column, week by week, as the page shows it. */
async function column(page, slotId) {
  return page.$$eval(`td[data-slot="${slotId}"]`, (cells) =>
    cells.map((td) => [...td.querySelectorAll('.session')].map((s) => [s.dataset.kind, s.dataset.tutor]).flat()),
  );
}

/** Runs `action`, then waits until the page has recomputed the preview. */
async function andWait(page, action) {
  const before = Number(await page.evaluate(() => document.body.dataset.revision));
  await action();
  await page.waitForFunction((r) => Number(document.body.dataset.revision) > r, before, { timeout: 10_000 });
}

const errorFor = (page, path) => page.textContent(`[data-error-for="${path}"]`);

describe('the preview page', () => {
  let browser;
  let page;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${browser.url}/bindings-wasm/preview/`);
    await page.waitForFunction(() => Number(document.body.dataset.revision) >= 1, null, { timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
  });

  test('loads the example: a row per week, a column per slot, every cell the engine planned', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'preview-1-example.png'), fullPage: true });
    assert.match(await page.textContent('#status'), /Up to date/);
    assert.match(await page.textContent('#tzdb'), /^\d{4}[a-z]$/);
    assert.equal(await page.locator('table.calendar tbody tr').count(), 6);
    assert.equal(await page.locator('table.calendar thead th[data-slot]').count(), 3);

    // The same input through the nodejs build gives the calendar the page shows.
    const state = example();
    const input = toInput(state);
    const expected = calendarOf(nodeBuild().plan(input.snapshot, input.options), state, input);
    for (const c of expected.columns) {
      const shown = await column(page, c.slot.id);
      assert.deepEqual(shown, c.cells.map((items) => items.map((i) => [i.kind, i.tutorId ?? '']).flat()), c.slot.id);
    }

    // Mathématiques, Mondays 14:00 in Douala, ROUND_ROBIN Awa (#1) then Jean-Paul (#2), both
    // created on Monday 2 November: turn k = Mondays since 2 Nov not cancelled, k mod 2 = 0 →
    // Awa. 30 Nov already exists (stored with Jean-Paul); 7 Dec k=5 Jean-Paul; 14 Dec k=6
    // Awa; 21 Dec cancelled (Noël, not counted); 28 Dec k=7 Jean-Paul; 4 Jan k=8 Awa.
    assert.deepEqual(await column(page, 's-maths'), [
      ['existing', 't-jp'],
      ['create', 't-jp'],
      ['create', 't-awa'],
      ['skipped', ''],
      ['create', 't-jp'],
      ['create', 't-awa'],
    ]);
    const header = await page.textContent('thead th[data-slot="s-maths"]');
    assert.match(header, /Turn order:\s*Awa Ngono → Jean-Paul Mbarga ↻/);
    assert.match(header, /Next tutor:\s*Jean-Paul Mbarga \(Mon 30 Nov 14:00, existing\)/);
    // Rows are Monday–Sunday weeks of the class's zone, labelled as such.
    assert.deepEqual(await page.$$eval('tbody th.week small', (els) => els.map((e) => e.textContent)), [
      'Mon 30 Nov – Sun 6 Dec',
      'Mon 7 Dec – Sun 13 Dec',
      'Mon 14 Dec – Sun 20 Dec',
      'Mon 21 Dec – Sun 27 Dec',
      'Mon 28 Dec – Sun 3 Jan',
      'Mon 4 Jan – Sun 10 Jan',
    ]);
    const cell = await page.textContent('td[data-slot="s-maths"][data-week="2"]');
    assert.match(cell, /Mon 7 Dec · 14:00–16:00/);
    assert.match(cell, /CONFIRMED/);
    assert.match(cell, /108,000\.00 XAF/); // 4500 × 2 h × 12 members
    assert.match(await page.textContent('td[data-slot="s-phys"][data-week="1"]'), /CONFLICT · OTHER_TIMES/);
    assert.match(await page.textContent('td[data-slot="s-maths"][data-week="4"]'), /Cancelled week\s*Vacances de Noël/);
    assert.deepEqual(browser.errors, []);
  });

  test('changing a pattern changes the tutors as the rules say', async () => {
    // Jean-Paul's Maths assignment becomes MANUAL: it claims nothing, the ROUND_ROBIN group
    // is Awa alone (n = 1), so every new Maths session goes to Awa; the stored session keeps
    // its tutor and the cancelled week stays cancelled.
    await andWait(page, () => page.selectOption('[data-bind="assignments.1.pattern"]', 'MANUAL'));
    assert.deepEqual(await column(page, 's-maths'), [
      ['existing', 't-jp'],
      ['create', 't-awa'],
      ['create', 't-awa'],
      ['skipped', ''],
      ['create', 't-awa'],
      ['create', 't-awa'],
    ]);
    assert.match(await page.textContent('thead th[data-slot="s-maths"]'), /Turn order:\s*Awa Ngono ↻/);
    assert.match(await page.textContent('td[data-slot="s-maths"][data-week="2"]'), /120,000\.00 XAF/); // 5000 × 2 × 12
    await page.screenshot({ path: join(ARTIFACTS, 'preview-2-pattern-changed.png'), fullPage: true });

    // Moving Jean-Paul's assignment (back to ROUND_ROBIN) before Awa's makes him member 0:
    // k mod 2 = 0 → Jean-Paul.
    await andWait(page, () => page.selectOption('[data-bind="assignments.1.pattern"]', 'ROUND_ROBIN'));
    await andWait(page, () => page.click('[data-action="up-assignment"][data-index="1"]'));
    assert.deepEqual((await column(page, 's-maths')).map(([, tutor]) => tutor), ['t-jp', 't-awa', 't-jp', '', 't-awa', 't-jp']);
    assert.match(await page.textContent('thead th[data-slot="s-maths"]'), /Turn order:\s*Jean-Paul Mbarga → Awa Ngono ↻/);
    await andWait(page, () => page.click('[data-action="reset"]'));
  });

  test('an invalid time shows next to its field; the rest of the calendar stays', async () => {
    await andWait(page, () => page.fill('[data-bind="slots.0.startTime"]', '25:00'));
    assert.match(await errorFor(page, 'timeSlots[0].startTime'), /slot s-maths: start time "25:00" is not HH:MM/);
    assert.equal(await page.getAttribute('[data-bind="slots.0.startTime"]', 'aria-invalid'), 'true');
    assert.match(await page.textContent('thead th[data-slot="s-maths"]'), /start time "25:00" is not HH:MM/);
    assert.deepEqual((await column(page, 's-maths')).flat(), []);
    assert.equal((await column(page, 's-phys')).flat().length, 12); // 6 weeks, one entry each
    assert.match(await page.textContent('#status'), /1 error/);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-3-invalid-time.png'), fullPage: true });

    // Typing on: "14:3" is still invalid, "14:30" plans again.
    await andWait(page, () => page.fill('[data-bind="slots.0.startTime"]', '14:3'));
    assert.match(await errorFor(page, 'timeSlots[0].startTime'), /"14:3" is not HH:MM/);
    await andWait(page, () => page.fill('[data-bind="slots.0.startTime"]', '14:30'));
    assert.equal(await errorFor(page, 'timeSlots[0].startTime'), '');
    assert.equal(await page.getAttribute('[data-bind="slots.0.startTime"]', 'aria-invalid'), null);
    assert.match(await page.textContent('td[data-slot="s-maths"][data-week="2"]'), /Mon 7 Dec · 14:30–16:00/);
    await andWait(page, () => page.click('[data-action="reset"]'));
  });

  test('unreadable input shows next to its field and keeps the last calendar', async () => {
    await andWait(page, () => page.fill('[data-bind="tutors.1.hourlyRate"]', '45OO'));
    assert.match(await errorFor(page, 'tutors[1].hourlyRate'), /"45OO" is not a decimal amount/);
    assert.match(await page.textContent('#status'), /Input error/);
    assert.equal(await page.locator('#calendar.stale table.calendar tbody tr').count(), 6);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-4-unreadable-input.png'), fullPage: true });
    await andWait(page, () => page.fill('[data-bind="tutors.1.hourlyRate"]', '4500.00'));
    assert.match(await page.textContent('#status'), /Up to date/);

    await andWait(page, () => page.fill('[data-bind="weeks"]', '53'));
    assert.match(await errorFor(page, 'options.weeks'), /weeks: 53 is not in 1\.\.=52/);
    await andWait(page, () => page.fill('[data-bind="weeks"]', '3'));
    assert.equal(await page.locator('table.calendar tbody tr').count(), 3);

    await andWait(page, () => page.fill('[data-bind="now"]', '30/11/2026'));
    assert.match(await errorFor(page, 'options.now'), /not an RFC 3339 instant/);
    await andWait(page, () => page.fill('[data-bind="now"]', '2026-11-30T08:00:00+01:00'));
    await andWait(page, () => page.fill('[data-bind="klass.timezone"]', 'Africa/Duala'));
    assert.match(await errorFor(page, 'classes[0].timezone'), /"Africa\/Duala" is not in the IANA database/);

    await andWait(page, () => page.fill('[data-bind="assignments.2.config"]', '{"consecutiveDays": '));
    assert.match(await errorFor(page, 'tutorAssignments[2].recurrenceConfig'), /not JSON/);
    await andWait(page, () => page.fill('[data-bind="existingText"]', '[{"id": '));
    assert.match(await errorFor(page, 'existingSessions'), /not JSON/);
    assert.deepEqual(browser.errors, []);
    await andWait(page, () => page.click('[data-action="reset"]'));
    assert.match(await page.textContent('#status'), /Up to date/);
  });

  test('removing a tutor: the claim stands unassigned, the warning sits at the assignment', async () => {
    // R19: a-maths-jp still claims its turns (7 Dec, 28 Dec) but t-jp is not in tutors, so
    // those sessions are PENDING, without a tutor, priced at the class's rate: 2500 × 2 × 12.
    await andWait(page, () => page.click('[data-action="remove-tutor"][data-index="1"]'));
    assert.match(await errorFor(page, 'tutorAssignments[1].tutorId'), /assignment a-maths-jp: tutor t-jp is not in tutors/);
    assert.match(await page.textContent('[data-bind="assignments.1.tutorId"] option:checked'), /removed: t-jp/);
    assert.deepEqual(await column(page, 's-maths'), [
      ['existing', 't-jp'],
      ['create', ''],
      ['create', 't-awa'],
      ['skipped', ''],
      ['create', ''],
      ['create', 't-awa'],
    ]);
    const cell = await page.textContent('td[data-slot="s-maths"][data-week="2"]');
    assert.match(cell, /Unassigned\s*PENDING\s*60,000\.00 XAF/);
    await andWait(page, () => page.click('[data-action="reset"]'));
  });

  test('legacyTimezone: rows the old generator stored at server-zone times show as moves', async () => {
    // Mathématiques, Monday 14 Dec 14:00–16:00 in Douala is 13:00Z–15:00Z. The old generator
    // on a UTC server stored it at 14:00Z–16:00Z (15:00–17:00 in Douala): without the option
    // that row is an OTHER_TIMES conflict; with legacyTimezone UTC it is this occurrence's
    // row, to move (R27–R28), and nothing is created beside it.
    const old = {
      id: 'e-old-1214', classId: 'c-tle-c', tutorId: 't-awa', subject: 'Mathématiques',
      scheduledStart: '2026-12-14T14:00:00.000Z', scheduledEnd: '2026-12-14T16:00:00.000Z',
      status: 'CONFIRMED', price: '120000.00', cancellationReason: null,
    };
    const state = example();
    state.existingText = JSON.stringify([...JSON.parse(state.existingText), old], null, 2);
    await andWait(page, () => page.fill('[data-bind="existingText"]', state.existingText));
    assert.match(await page.textContent('td[data-slot="s-maths"][data-week="3"]'), /CONFLICT · OTHER_TIMES/);

    await andWait(page, () => page.fill('[data-bind="legacyTimezone"]', 'UTC'));
    assert.equal(await errorFor(page, 'options.legacyTimezone'), '');
    state.legacyTimezone = 'UTC';
    const input = toInput(state);
    assert.equal(input.options.legacyTimezone, 'UTC');
    const engine = nodeBuild().plan(input.snapshot, input.options);
    assert.deepEqual(engine.moves.map((m) => m.sessionId), ['e-old-1214']);
    assert.deepEqual(await column(page, 's-maths'), [
      ['existing', 't-jp'],
      ['create', 't-jp'],
      ['move', 't-awa'],
      ['skipped', ''],
      ['create', 't-jp'],
      ['create', 't-awa'],
    ]);
    const cell = await page.textContent('td[data-slot="s-maths"][data-week="3"]');
    assert.match(cell, /Mon 14 Dec · 14:00–16:00/);
    assert.match(cell, /MOVE · CONFIRMED/);
    assert.match(cell, /stored by the old generator as e-old-1214 at Mon 14 Dec · 15:00–17:00/);
    assert.match(await page.textContent('#status'), /1 to move/);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-5-legacy-move.png'), fullPage: true });

    // A zone the engine does not know is a bad option, shown at the field.
    await andWait(page, () => page.fill('[data-bind="legacyTimezone"]', 'Mars/Olympus'));
    assert.match(await errorFor(page, 'options.legacyTimezone'), /Mars\/Olympus/);
    assert.match(await page.textContent('#status'), /Input error/);
    assert.deepEqual(browser.errors, []);
    await andWait(page, () => page.click('[data-action="reset"]'));
    assert.equal(await page.inputValue('[data-bind="legacyTimezone"]'), '');
  });

  for (const width of [390, 768, 1400]) {
    test(`reads right at ${width} px: the calendar fits, no price or label wraps`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(ARTIFACTS, `preview-width-${width}.png`), fullPage: true });
      const layout = await page.evaluate(() => {
        const lines = (el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        };
        const box = (sel) => document.querySelector(sel).getBoundingClientRect();
        return {
          pageWidth: document.documentElement.scrollWidth,
          calendar: box('#calendar').width,
          editor: box('#editor').width,
          cellsRight: Math.max(...[...document.querySelectorAll('table.calendar td')].map((td) => td.getBoundingClientRect().right)),
          wrappedPrices: [...document.querySelectorAll('.session .price')].filter((p) => p.textContent && lines(p) > 1).map((p) => p.textContent),
          wrappedBadges: [...document.querySelectorAll('.session .badge')].filter((b) => lines(b) > 1).map((b) => b.textContent),
          prices: document.querySelectorAll('.session .price').length,
        };
      });
      assert.ok(layout.prices > 10, 'the example shows prices');
      assert.deepEqual(layout.wrappedPrices, []);
      assert.deepEqual(layout.wrappedBadges, []);
      // Nothing makes the page wider than the screen (the calendar may scroll inside its box).
      assert.ok(layout.pageWidth <= width, `page is ${layout.pageWidth} px wide on a ${width} px screen`);
      if (width < 1000) {
        // One column: the calendar and the form each take the screen's width.
        assert.ok(layout.calendar >= width - 40, `calendar ${layout.calendar} px on ${width} px`);
        assert.ok(layout.editor >= width - 40, `form ${layout.editor} px on ${width} px`);
      } else {
        assert.ok(layout.calendar >= 800, `calendar ${layout.calendar} px on ${width} px`);
        assert.ok(layout.cellsRight <= width, 'every slot column is visible without scrolling');
      }
      if (width <= 640) assert.ok(layout.cellsRight <= width, 'phone: sessions are listed within the screen');
      assert.deepEqual(browser.errors, []);
    });
  }

  test('the zone, the weeks and the slots are edited as you type', async () => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await andWait(page, () => page.fill('[data-bind="klass.timezone"]', 'America/New_York'));
    assert.equal(await page.getAttribute('table.calendar', 'data-zone'), 'America/New_York');
    // Wall times stay the slot's; the window (from 08:00 Douala = 02:00 New York) is the same.
    assert.match(await page.textContent('td[data-slot="s-maths"][data-week="2"]'), /Mon 7 Dec · 14:00–16:00/);
    await andWait(page, () => page.click('[data-action="add-slot"]'));
    assert.equal(await page.locator('table.calendar thead th[data-slot]').count(), 4);
    await andWait(page, () => page.click('[data-action="reset"]'));
    assert.deepEqual(browser.errors, []);
  });
});
