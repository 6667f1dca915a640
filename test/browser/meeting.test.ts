/**
 * The co-ordination meeting page in a real browser: Debian's Chromium,
 * headless, driven by playwright-core against the real server with the demo
 * partnership, as a chair would use it. It signs in with a development token,
 * opens Castleford and Whitwood's pack, reads the plans' stages off the
 * timeline, moves between plans from the keyboard, records the meeting (and
 * is shown each typed refusal where it applies), and keeps a screenshot in
 * test-artifacts/meeting.png.
 *
 * Without Chromium at /usr/bin/chromium (or CASEBOOK_CHROMIUM) the suite is
 * skipped with a message, unless CASEBOOK_REQUIRE_BROWSER=1 (as CI sets it),
 * when it fails. CASEBOOK_UPDATE_SCREENSHOT=1 also writes docs/meeting.png,
 * the README's picture.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNeighbourhoodId, startTestServer, type TestServer } from '../support/server.js';
import { webPagesBuilt } from '../support/web-pages.js';

const CHROMIUM = process.env.CASEBOOK_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.CASEBOOK_REQUIRE_BROWSER === '1';
const FOUND = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTEFACTS = join(ROOT, 'test-artifacts');

if (!FOUND && !REQUIRED) {
  process.stderr.write(`test/browser/meeting.test.ts: skipped, no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium), or set CASEBOOK_CHROMIUM.\n`);
}

/** Everything a victim, witness or subject of the demo cases is called: none may reach a shared screen. */
const PEOPLE_ON_CASES = ['Karen Ashworth', 'Alan Whitehead', 'Connor Feeney', 'Dean Maddox', 'Denise Kerr', 'Lee Brannigan', 'Margaret Doyle', 'Priya Chauhan', 'Tyler Marsh'];
const RESIDENT = 'Janet Holroyd';
const MEETING_DAY = '2026-11-23';

let server: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describe.skipIf(!FOUND && !REQUIRED)('the co-ordination meeting page in Chromium', () => {
  beforeAll(async () => {
    if (!FOUND) throw new Error(`CASEBOOK_REQUIRE_BROWSER=1, but there is no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium).`);
    await webPagesBuilt();
    server = await startTestServer({ environment: 'development', developmentTokens: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--lang=en-GB'] });
    // The hall's laptop in the UK, on the demo's day: "today" on the page is then fixed, whatever day the test runs.
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce' });
    await page.clock.setFixedTime(new Date(`${MEETING_DAY}T12:00:00Z`));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with a development token and opens a demo neighbourhood’s pack', async () => {
    await page.goto(`${server.url}/meeting`);
    await page.getByRole('heading', { name: 'Sign in to open the meeting pack' }).waitFor();
    await page.getByLabel('Sign in as').selectOption({ label: 'PS Sarah Khan: police coordinator (neighbourhood sergeant)' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.locator('#who-name').textContent()).toBe('PS Sarah Khan · police coordinator');

    // The meeting's date starts at today, on the laptop's own calendar.
    expect(await page.getByLabel('Meeting date').inputValue()).toBe(MEETING_DAY);
    await page.getByLabel('Neighbourhood').selectOption({ label: 'Castleford and Whitwood' });
    await page.getByLabel('Meeting date').fill(MEETING_DAY);
    await page.getByRole('button', { name: 'Open the meeting pack' }).click();
    await page.locator('.timeline-row').first().waitFor();

    expect(await page.locator('#pack-heading').textContent()).toBe('Castleford and Whitwood');
    expect(await page.locator('.pack-date').textContent()).toMatch(/^Monday,? 23 November 2026$/);
    const figure = (kind: string) => page.locator(`[data-figure="${kind}"] .figure-value`).textContent();
    expect(await figure('plans')).toBe('2');
    expect(await figure('closures')).toBe('1');
    expect(await figure('victims')).toBe('1');
    expect(page.url()).toBe(`${server.url}/meeting/?neighbourhood=${demoNeighbourhoodId('castleford-whitwood')}&date=${MEETING_DAY}`);
  });

  it('shows each of the neighbourhood’s plans as a row of the timeline, with its stages as bands', async () => {
    const rows = page.locator('.timeline-row');
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-reference')))).toEqual(['PSP-2026-0004', 'PSP-2026-0002']);
    const stagesOf = (row: number) => rows.nth(row).locator('.band').evaluateAll((els) => els.map((el) => el.getAttribute('data-stage')));
    expect(await stagesOf(0)).toEqual(['analysis']);
    expect(await stagesOf(1)).toEqual(['response', 'assessment']);
    // Named inside the bands wide enough to hold the name, and in the row's own words.
    expect(await rows.nth(1).locator('.band-label:not(.band-label--hidden)').allTextContents()).toEqual(['Response', 'Assessment']);
    expect(await rows.nth(1).locator('.row-tags').textContent()).toBe('AssessmentClosure waiting');
    // The encampments' marks: two actions done, a measurement, two sign-offs; today's line on every row.
    const kinds = await rows.nth(1).locator('.mark').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds.sort()).toEqual(['action-done', 'action-done', 'measurement', 'sign-off', 'sign-off']);
    expect(await page.locator('.timeline-row .day-line--today').count()).toBe(2);
    // Today is the meeting's day, so each axis (the overview's and each plan's) names one line, today's.
    expect(await page.locator('.axis .day-label').allTextContents()).toEqual(['Today 23 Nov', 'Today 23 Nov', 'Today 23 Nov']);
    // Under each plan, what is recorded since the group last met (it never has: everything).
    const encampments = page.locator('article.plan[data-reference="PSP-2026-0002"]');
    expect(await encampments.locator('.change').count()).toBe(20);
    expect(await encampments.locator('.change:visible').count()).toBe(6);
    // The closure waiting, with who it waits for.
    expect(await page.locator('#closures-heading + ul').textContent()).toContain('Whitwood Residents’ Group is not satisfied: “Not until we see next summer: keep it open to the spring.”');
    expect(await page.locator('#overdue-heading + p').textContent()).toBe('No action is overdue.');
    expect(await page.locator('#priorities-heading + ol > li').count()).toBe(3);
  });

  it('moves to the next and previous plan from the keyboard', async () => {
    const focusedHeading = () => page.locator(':focus').textContent();
    const current = () => page.locator('.timeline-row[aria-current="true"]').getAttribute('data-reference');
    await page.keyboard.press('j');
    expect(await focusedHeading()).toBe('Off-road motorbikes in Fryston woods');
    expect(await current()).toBe('PSP-2026-0004');
    await page.keyboard.press('j');
    expect(await focusedHeading()).toBe('Unlawful encampments on Whitwood Common and the leisure centre car park');
    expect(await current()).toBe('PSP-2026-0002');
    expect(await page.locator('#plan-position').textContent()).toBe('Plan 2 of 2: PSP-2026-0002, Unlawful encampments on Whitwood Common and the leisure centre car park');
    await page.keyboard.press('PageUp');
    expect(await current()).toBe('PSP-2026-0004');
    await page.keyboard.press('ArrowRight');
    expect(await current()).toBe('PSP-2026-0002');
    // A J typed into a form field is the field's.
    const decisions = page.locator('article.plan[data-reference="PSP-2026-0002"]').getByLabel('Decisions');
    await decisions.press('j');
    expect(await decisions.inputValue()).toBe('j');
    expect(await current()).toBe('PSP-2026-0002');
    await decisions.fill('');
  });

  it('records the meeting on a plan, and shows each refusal as the API typed it, where it applies', async () => {
    const encampments = page.locator('article.plan[data-reference="PSP-2026-0002"]');
    const form = encampments.locator('form.plan-meeting');
    const record = form.getByRole('button', { name: 'Record the meeting on PSP-2026-0002' });
    await form.getByLabel('Decisions').fill('Keep the plan open to the spring, as the residents ask');

    // ValidationError: the chair is left empty; its message stands under the chair's field.
    await record.click();
    const alert = form.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Not recorded: 1 thing to put right.');
    expect(await alert.textContent()).toContain('Chair: the chair cannot be empty');
    expect(await page.locator('#meeting-chair').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#meeting-chair + .field-error').textContent()).toBe('Error: the chair cannot be empty');

    // Recorded, with the attendance entered once for the meeting.
    await page.getByLabel('Chair').fill('Cllr Nadia Ahmed');
    await page.getByRole('button', { name: 'Add someone' }).click();
    const joan = page.locator('.attendee').nth(1);
    await joan.getByLabel('Name').fill('Joan Whitaker');
    await joan.getByLabel('Represents').selectOption({ label: 'A community group…' });
    await joan.getByLabel('Community group').fill('Whitwood Residents’ Group');
    await form.getByLabel('Actions agreed').fill('Council to check both sites monthly until April');
    await record.click();
    const done = form.getByRole('status');
    await expect.poll(() => done.textContent()).toBe('✓ Recorded on PSP-2026-0002: 1 decision, 1 action agreed, 2 people attending, chaired by Cllr Nadia Ahmed.');
    expect(await page.locator('#meeting-chair').getAttribute('aria-invalid')).toBeNull();
    // The plan's timeline shows the meeting at once, and Casebook holds it as given.
    expect(await encampments.locator(`.mark[data-kind="meeting"][data-on="${MEETING_DAY}"]`).count()).toBe(1);
    const held = await server.graphql(`{ plans(filter: { text: "encampments" }) { edges { node { meetings { meetingId heldOn chair attendees { name agencyId communityGroup } decisions actionsAgreed } } } } }`);
    const meetings = (held.body.data!.plans as { edges: Array<{ node: { meetings: unknown[] } }> }).edges[0]!.node.meetings;
    expect(meetings).toEqual([
      {
        meetingId: `coordination-${MEETING_DAY}`,
        heldOn: MEETING_DAY,
        chair: 'Cllr Nadia Ahmed',
        attendees: [
          { name: 'PS Sarah Khan', agencyId: 'police', communityGroup: null },
          { name: 'Joan Whitaker', agencyId: null, communityGroup: 'Whitwood Residents’ Group' },
        ],
        decisions: ['Keep the plan open to the spring, as the residents ask'],
        actionsAgreed: ['Council to check both sites monthly until April'],
      },
    ]);

    // RuleViolation: the same meeting recorded again, with other words.
    await form.getByLabel('Decisions').fill('Keep the plan open to the spring');
    await record.click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Not recorded: a rule stops it.');
    expect(await form.locator('.code').textContent()).toBe('MEETING_ALREADY_RECORDED');
  });

  it('says when a plan changed since the pack was opened, and reloads it', async () => {
    // Another partner schedules a review on the motorbikes plan meanwhile.
    const motorbikes = (await server.graphql('{ plans(filter: { text: "motorbikes" }) { edges { node { id revision } } } }')).body.data!.plans as { edges: Array<{ node: { id: string; revision: number } }> };
    const { id, revision } = motorbikes.edges[0]!.node;
    const coordinator = await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'], name: 'Daniel Price' });
    const scheduled = await server.graphql(`mutation($input: ScheduleReviewInput!) { scheduleReview(input: $input) { __typename } }`, {
      token: coordinator,
      variables: { input: { planId: id, reviewId: 'woods-second-review', dueOn: '2027-01-11' } },
    });
    expect(scheduled.body.data!.scheduleReview).toEqual({ __typename: 'PlanPayload' });

    const form = page.locator('article.plan[data-reference="PSP-2026-0004"] form.plan-meeting');
    await form.getByLabel('Decisions').fill('Ask the landowner for a gate at the Fryston Road entrance');
    await form.getByRole('button', { name: 'Record the meeting on PSP-2026-0004' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Not recorded: PSP-2026-0004 changed since the pack was opened.');
    expect(await form.getByRole('alert').textContent()).toContain(`You read revision ${revision}; it is now at ${revision + 1}.`);
    await form.getByRole('button', { name: 'Reload the pack' }).click();
    await expect.poll(() => page.locator('article.plan[data-reference="PSP-2026-0004"] .mark[data-kind="review-due"][data-on="2027-01-11"]').count()).toBe(1);
    // Back at the plan, with what was typed and who is here kept: recorded at the second press.
    expect(await page.locator('.timeline-row[aria-current="true"]').getAttribute('data-reference')).toBe('PSP-2026-0004');
    const reloaded = page.locator('article.plan[data-reference="PSP-2026-0004"] form.plan-meeting');
    expect(await reloaded.getByLabel('Decisions').inputValue()).toBe('Ask the landowner for a gate at the Fryston Road entrance');
    expect(await page.getByLabel('Chair').inputValue()).toBe('Cllr Nadia Ahmed');
    await reloaded.getByRole('button', { name: 'Record the meeting on PSP-2026-0004' }).click();
    await expect.poll(() => reloaded.getByRole('status').textContent()).toBe('✓ Recorded on PSP-2026-0004: 1 decision, 0 actions agreed, 2 people attending, chaired by Cllr Nadia Ahmed.');
  });

  it('closes the meeting: the group’s meeting is recorded, and the next pack counts from it', async () => {
    await page.getByLabel('Notes of the meeting').fill('Both plans walked through; the encampments plan stays open to the spring.');
    await page.getByRole('button', { name: 'Record the group’s meeting' }).click();
    await expect.poll(() => page.locator('.group-meeting').getByRole('status').textContent()).toMatch(/^✓ The Castleford and Whitwood group’s meeting of Monday,? 23 November 2026 is recorded\./);
    await page.getByLabel('Meeting date').fill('2026-11-24');
    await page.getByRole('button', { name: 'Open the meeting pack' }).click();
    await expect.poll(() => page.locator('.pack-last').textContent()).toMatch(/^The group last met on Monday,? 23 November 2026, chaired by Cllr Nadia Ahmed: each plan shows what changed since\.$/);
    // Everything so far was recorded on or before the 23rd: nothing is new to the group on the 24th.
    const encampments = page.locator('article.plan[data-reference="PSP-2026-0002"]');
    expect(await encampments.locator('.change').count()).toBe(0);
    expect(await encampments.getByRole('heading', { name: /^What changed since 23 Nov 2026$/ }).count()).toBe(1);
    expect(await encampments.locator('.plan-panel .empty').first().textContent()).toBe('Nothing new is recorded.');
    await page.getByLabel('Meeting date').fill(MEETING_DAY);
    await page.getByRole('button', { name: 'Open the meeting pack' }).click();
    await expect.poll(() => page.locator('.pack-last').textContent()).toContain('No earlier meeting of the group is recorded');
  });

  it('goes back to the overview with Home, and keeps a screenshot of the pack', async () => {
    await page.locator('body').press('Home');
    expect(await page.locator('#plan-position').textContent()).toBe('Overview: 2 plans');
    expect(await page.locator('.timeline-row[aria-current="true"]').count()).toBe(0);
    await mkdir(ARTEFACTS, { recursive: true });
    const screenshot = join(ARTEFACTS, 'meeting.png');
    // Tall enough for the cover and every row of the timeline: what the hall sees first.
    await page.setViewportSize({ width: 1600, height: 1280 });
    await page.mouse.move(0, 0);
    try {
      await page.screenshot({ path: screenshot });
      await page.screenshot({ path: join(ARTEFACTS, 'meeting-full-page.png'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
    if (process.env.CASEBOOK_UPDATE_SCREENSHOT === '1') await copyFile(screenshot, join(ROOT, 'docs', 'meeting.png'));
    expect(existsSync(screenshot)).toBe(true);
  });

  it('prints one plan a page for the minutes, without the controls', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('article.plan')).breakBefore`)).toBe('page');
      expect(await page.locator('#choose').isVisible()).toBe(false);
      expect(await page.locator('.plan-nav').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Record the meeting on PSP-2026-0002' }).isVisible()).toBe(false);
      // The minutes carry who was there, and what was recorded, as text.
      expect(await page.locator('.attendance .minutes').textContent()).toBe(
        'Chair: Cllr Nadia Ahmed. Attending: PS Sarah Khan (West Yorkshire Police (Neighbourhood Policing Team)); Joan Whitaker (Whitwood Residents’ Group).',
      );
      await page.pdf({ path: join(ARTEFACTS, 'meeting-minutes.pdf'), format: 'A4' });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('tells an auditor, who changes nothing, that their sign-in may not record', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Sign in as').selectOption({ label: 'Olivia Grant: council auditor (internal audit)' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The meeting's date starts at today, on the laptop's own calendar.
    expect(await page.getByLabel('Meeting date').inputValue()).toBe(MEETING_DAY);
    await page.getByLabel('Neighbourhood').selectOption({ label: 'Castleford and Whitwood' });
    await page.getByLabel('Meeting date').fill(MEETING_DAY);
    await page.getByRole('button', { name: 'Open the meeting pack' }).click();
    const form = page.locator('article.plan[data-reference="PSP-2026-0004"] form.plan-meeting');
    await page.getByLabel('Chair').fill('Cllr Nadia Ahmed');
    await form.getByLabel('Decisions').fill('Noted');
    await form.getByRole('button', { name: 'Record the meeting on PSP-2026-0004' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Not recorded: your sign-in may not make this record.');
  });

  it('puts nobody’s personal data on the shared screen: victims are a count, a resident is “a resident”', async () => {
    const coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
    const opened = await server.graphql(`mutation($input: OpenPlanInput!) { openPlan(input: $input) { __typename } }`, {
      token: coordinator,
      variables: {
        input: {
          title: 'Garden fires and smoke on Denby Dale Road',
          neighbourhoodId: demoNeighbourhoodId('thornes'),
          raisedBy: [{ partyId: 'janet', name: RESIDENT, kind: 'resident', contact: '01632 960412' }],
          openedOn: '2026-11-20',
        },
      },
    });
    expect(opened.body.data!.openPlan).toEqual({ __typename: 'PlanPayload' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Sign in as').selectOption({ label: 'PS Sarah Khan: police coordinator (neighbourhood sergeant)' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    for (const neighbourhood of ['Thornes', 'Castleford and Whitwood', 'Wakefield city centre']) {
      await page.getByLabel('Neighbourhood').selectOption({ label: neighbourhood });
      await page.getByLabel('Meeting date').fill(MEETING_DAY);
      await page.getByRole('button', { name: 'Open the meeting pack' }).click();
      await expect.poll(() => page.locator('#pack-heading').textContent()).toBe(neighbourhood);
      const everything = await page.content();
      for (const name of [...PEOPLE_ON_CASES, RESIDENT, '01632 960412']) expect(everything, `${name} on the ${neighbourhood} pack`).not.toContain(name);
      if (neighbourhood === 'Thornes') expect(await page.locator('article.plan[data-reference="PSP-2026-0006"]').textContent()).toContain('Opened as PSP-2026-0006, raised by a resident');
    }
  });

  it('keeps what was typed when the sign-in ends mid-meeting, and records it once the same person signs in again', async () => {
    const sarah = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator' as const], name: 'PS Sarah Khan' };
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').fill(await server.token({ ...sarah, expiresIn: '3s' }));
    await page.getByRole('button', { name: 'Sign in with this token' }).click();
    await page.getByLabel('Neighbourhood').selectOption({ label: 'Thornes' });
    await page.getByLabel('Meeting date').fill(MEETING_DAY);
    await page.getByRole('button', { name: 'Open the meeting pack' }).click();
    const plan = page.locator('article.plan').first();
    const form = plan.locator('form.plan-meeting');
    await page.getByLabel('Chair').fill('Cllr Nadia Ahmed');
    await form.getByLabel('Decisions').fill('Fire service to visit every garden on the road');

    // The token runs out while the group talks.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await form.getByRole('button', { name: /^Record the meeting on / }).click();
    await expect.poll(() => page.locator('#sign-in-problem').textContent()).toContain('Your sign-in has ended');
    // The browser logs the refused request itself: expected here, and only here.
    const refused = pageErrors.findIndex((e) => /status of 401/.test(e));
    expect(refused).toBeGreaterThanOrEqual(0);
    pageErrors.splice(refused, 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-heading');
    expect(await form.getByLabel('Decisions').inputValue()).toBe('Fire service to visit every garden on the road');
    expect(await page.getByLabel('Chair').inputValue()).toBe('Cllr Nadia Ahmed');

    await page.getByLabel('Bearer token').fill(await server.token(sarah));
    await page.getByRole('button', { name: 'Sign in with this token' }).click();
    await expect.poll(() => page.locator('#sign-in').isHidden()).toBe(true);
    await form.getByRole('button', { name: /^Record the meeting on / }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^✓ Recorded on PSP-2026-\d{4}: 1 decision, 0 actions agreed, 1 person attending, chaired by Cllr Nadia Ahmed\.$/);
  });

  it('ran without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
