/**
 * The meeting pack on screen and on paper: the neighbourhood and the day, the
 * figures the chair opens with, every plan as a row on one timeline, the
 * priorities, the overdue actions by agency, the closures waiting for
 * sign-off, and then each plan in turn with what changed since the group
 * last met.
 *
 * New high-risk victims are a number and nothing more: this is a shared
 * screen, and who they are is for the agencies on their cases.
 */
import { daysBetween, longDate, mediumDate, relativeDays, shortDate } from './calendar.js';
import type { Agency, AgendaPlan, Happening, MeetingPack, PlanOnTimeline } from './meeting-pack.js';
import { type Child, count, html } from './markup.js';
import type { PlanStop } from './plan-navigation.js';
import { planTrack, STAGE_NAMES, timelineAxis, timelineLegend, type TimelineWindow, timelineWindow } from './timeline.js';

export interface PackContext {
  readonly pack: MeetingPack;
  readonly agencies: readonly Agency[];
  readonly today: string;
}

/** What main.ts needs to keep: each plan's place on the page, to move between them and redraw a row after a record. */
export interface RenderedPlan {
  readonly stop: PlanStop;
  /** Where the plan's form goes. */
  readonly formSlot: HTMLElement;
  /** Redraws the plan's row and its own timeline from the plan as it now stands. */
  readonly redraw: (plan: PlanOnTimeline) => void;
}

export interface RenderedPack {
  readonly cover: HTMLElement;
  readonly attendanceSlot: HTMLElement;
  readonly closingSlot: HTMLElement;
  readonly plans: readonly RenderedPlan[];
  readonly root: DocumentFragment;
}

const SIGNAL_CLASSES = { policing: 'Policing priority', acute: 'Acute', chronic: 'Chronic' } as const;
const CHOSEN_BY = { PUBLIC_VOTE: 'chosen by public vote', REPRESENTATIVE_PANEL: 'chosen by a representative panel' } as const;

const HAPPENING_NAMES: Readonly<Record<string, string>> = {
  opened: 'Opened',
  owner: 'Owner',
  partner: 'Partners',
  raiser: 'Raised by',
  objective: 'Objective',
  scanning: 'Scanning',
  analysis: 'Analysis',
  'response-plan': 'Response plan',
  risk: 'Risk',
  'community-impact': 'Community impact',
  meeting: 'Meeting',
  'review-due': 'Review due',
  'review-done': 'Review done',
  stage: 'Stage',
  measurement: 'Measured',
  results: 'Results',
  'closure-proposed': 'Closure',
  'sign-off': 'Sign-off',
  closed: 'Closed',
  reopened: 'Reopened',
  'retention-review': 'Retention',
  escalated: 'Escalated',
  'action-due': 'Action',
  'action-outcome': 'Action',
};

/** The changes shown before "show earlier": enough for the chair to walk through without scrolling. */
const RECENT_CHANGES = 6;

export const planAnchor = (plan: PlanOnTimeline) => `plan-${plan.reference}`;

function agencyName(agencies: readonly Agency[], id: string): string {
  return agencies.find((a) => a.id === id)?.name ?? id;
}

/** The word OVERDUE on a hatched ground: it reads without colour. */
export function overdueTag(detail?: string): HTMLElement {
  return html('span', { class: 'tag tag--overdue' }, 'Overdue', detail ? html('span', { class: 'tag-detail' }, ` ${detail}`) : null);
}

function tag(text: string, kind: string): HTMLElement {
  return html('span', { class: `tag tag--${kind}` }, text);
}

function lateness(dueOn: string, meetingDay: string): string {
  return count(daysBetween(dueOn, meetingDay), 'day');
}

function figure(value: number, label: string, note: string, kind: string, alarm: boolean): HTMLElement {
  return html(
    'li',
    { class: `figure figure--${kind}${alarm && value > 0 ? ' figure--alarm' : ''}`, 'data-figure': kind },
    html('span', { class: 'figure-value' }, value),
    html('span', { class: 'figure-words' }, html('span', { class: 'figure-label' }, label), html('span', { class: 'figure-note' }, note)),
  );
}

function cover(context: PackContext): HTMLElement {
  const { pack } = context;
  const reviewsDue = pack.plans.filter((p) => p.reviewDue).length;
  const closures = pack.plans.filter((p) => p.closureWaiting).length;
  const last = pack.lastMeeting
    ? `The group last met on ${longDate(pack.lastMeeting.heldOn)}, chaired by ${pack.lastMeeting.chair}: each plan shows what changed since.`
    : 'No earlier meeting of the group is recorded: each plan shows everything recorded on it.';
  return html(
    'section',
    { class: 'pack-cover', id: 'pack-overview', tabindex: -1, 'aria-labelledby': 'pack-heading' },
    html('p', { class: 'pack-kicker' }, 'Co-ordination meeting', html('span', { class: 'pack-date' }, longDate(pack.date))),
    html('h1', { id: 'pack-heading' }, pack.neighbourhood.name),
    html('p', { class: 'pack-last' }, last),
    html(
      'ul',
      { class: 'figures', 'aria-label': 'The pack in figures' },
      figure(pack.plans.length, pack.plans.length === 1 ? 'plan' : 'plans', 'open, or closed since last met', 'plans', false),
      figure(reviewsDue, reviewsDue === 1 ? 'review due' : 'reviews due', 'on or before the meeting', 'reviews', true),
      figure(pack.overdueActionCount, pack.overdueActionCount === 1 ? 'action overdue' : 'actions overdue', 'past their due day', 'overdue', true),
      figure(closures, closures === 1 ? 'closure waiting' : 'closures waiting', 'for sign-off', 'closures', false),
      figure(pack.newHighRiskVictims, pack.newHighRiskVictims === 1 ? 'new high-risk victim' : 'new high-risk victims', 'a count only: no names on a shared screen', 'victims', true),
    ),
  );
}

/** The keys, said on the page where the chair looks first. */
function keys(): HTMLElement {
  return html(
    'p',
    { class: 'keys no-print' },
    'Next plan: ',
    html('kbd', {}, 'J'),
    ', ',
    html('kbd', {}, '→'),
    ' or ',
    html('kbd', {}, 'Page Down'),
    ' (a presentation clicker). Previous: ',
    html('kbd', {}, 'K'),
    ', ',
    html('kbd', {}, '←'),
    ' or ',
    html('kbd', {}, 'Page Up'),
    '. Overview: ',
    html('kbd', {}, 'Home'),
    '. Printed, the pack is the minutes: one plan a page.',
  );
}

function rowLabel(item: AgendaPlan, meetingDay: string): HTMLElement {
  const { plan } = item;
  const overdue = item.overdueActions.length + (item.reviewDue && plan.nextReviewDue !== null && plan.nextReviewDue < meetingDay ? 1 : 0);
  return html(
    'span',
    { class: 'row-label' },
    html('span', { class: 'row-reference' }, plan.reference),
    html('span', { class: 'row-title' }, plan.title),
    html(
      'span',
      { class: 'row-tags' },
      tag(STAGE_NAMES[plan.stage], `stage tag--stage-${plan.stage}`),
      overdue > 0 ? overdueTag(String(overdue)) : null,
      item.reviewDue ? tag('Review due', 'review') : null,
      item.closureWaiting ? tag('Closure waiting', 'closure') : null,
    ),
  );
}

function overview(context: PackContext, window: TimelineWindow, rows: HTMLElement[]): HTMLElement {
  const { pack, today } = context;
  return html(
    'section',
    { class: 'overview', 'aria-labelledby': 'overview-heading' },
    html('h2', { id: 'overview-heading' }, 'Every plan on the timeline'),
    keys(),
    pack.plans.length === 0
      ? html('p', { class: 'empty' }, `No plan of ${pack.neighbourhood.name} is open, or closed since the group last met.`)
      : html(
          'div',
          { class: 'timeline-grid' },
          html('div', { class: 'timeline-axis-row', 'aria-hidden': 'true' }, html('span', { class: 'row-label' }), timelineAxis(window, pack.date, today)),
          html('ol', { class: 'timeline-rows' }, ...rows.map((row) => html('li', {}, row))),
        ),
    pack.plans.length === 0 ? null : timelineLegend(),
  );
}

function priorities(context: PackContext): HTMLElement {
  const { pack } = context;
  const due = new Set(pack.prioritiesDueForReview.map((p) => p.priorityId));
  return html(
    'section',
    { class: 'pack-panel', 'aria-labelledby': 'priorities-heading' },
    html('h2', { id: 'priorities-heading' }, 'The community’s priorities'),
    pack.neighbourhood.priorities.length === 0
      ? html('p', { class: 'empty' }, 'No current priority is recorded.')
      : html(
          'ol',
          { class: 'priorities' },
          ...pack.neighbourhood.priorities.map((p) =>
            html(
              'li',
              {},
              html('span', { class: 'item-title' }, p.title),
              html(
                'span',
                { class: 'item-meta' },
                tag(SIGNAL_CLASSES[p.signalClass], 'signal'),
                ` ${CHOSEN_BY[p.chosenBy]}; `,
                due.has(p.priorityId) ? html('strong', { class: 'review-due' }, `review due ${mediumDate(p.nextReviewOn)}`) : `next review ${mediumDate(p.nextReviewOn)}`,
              ),
            ),
          ),
        ),
  );
}

function overdueByAgency(context: PackContext): HTMLElement {
  const { pack, agencies } = context;
  const byAgency = new Map<string, Array<{ reference: string; description: string; dueOn: string }>>();
  for (const { plan, overdueActions } of pack.plans) {
    for (const action of overdueActions) {
      const list = byAgency.get(action.agencyId) ?? [];
      list.push({ reference: plan.reference, description: action.description, dueOn: action.dueOn });
      byAgency.set(action.agencyId, list);
    }
  }
  const groups = [...byAgency.entries()].sort((a, b) => b[1].length - a[1].length || agencyName(agencies, a[0]).localeCompare(agencyName(agencies, b[0])));
  return html(
    'section',
    { class: 'pack-panel', 'aria-labelledby': 'overdue-heading' },
    html('h2', { id: 'overdue-heading' }, 'Overdue actions by agency'),
    groups.length === 0
      ? html('p', { class: 'empty' }, 'No action is overdue.')
      : html(
          'ul',
          { class: 'agency-groups' },
          ...groups.map(([agencyId, actions]) =>
            html(
              'li',
              {},
              html('h3', { class: 'agency-name' }, agencyName(agencies, agencyId), ' ', html('span', { class: 'agency-count' }, `(${actions.length})`)),
              html(
                'ul',
                { class: 'items' },
                ...actions
                  .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
                  .map((a) =>
                    html('li', {}, overdueTag(lateness(a.dueOn, pack.date)), ' ', html('span', { class: 'item-title' }, a.description), html('span', { class: 'item-meta' }, `${a.reference}, due ${mediumDate(a.dueOn)}`)),
                  ),
              ),
            ),
          ),
        ),
  );
}

function closuresWaiting(context: PackContext): HTMLElement {
  const waiting = context.pack.plans.filter((p) => p.closureWaiting);
  return html(
    'section',
    { class: 'pack-panel', 'aria-labelledby': 'closures-heading' },
    html('h2', { id: 'closures-heading' }, 'Closures waiting for sign-off'),
    waiting.length === 0
      ? html('p', { class: 'empty' }, 'No proposed closure is waiting.')
      : html(
          'ul',
          { class: 'items' },
          ...waiting.map(({ plan }) =>
            html(
              'li',
              {},
              html('span', { class: 'item-title' }, `${plan.reference}: ${plan.title}`),
              html('span', { class: 'item-meta' }, plan.closure.proposedOn ? `Proposed ${mediumDate(plan.closure.proposedOn)}. Waiting for:` : 'Waiting for:'),
              html('ul', { class: 'blockers' }, ...plan.closure.blockers.map((b) => html('li', {}, b))),
            ),
          ),
        ),
  );
}

function changeItem(happening: Happening, earlier: boolean): HTMLElement {
  return html(
    'li',
    { class: `change${earlier ? ' change--earlier' : ''}`, 'data-kind': happening.kind },
    html('time', { datetime: happening.on }, shortDate(happening.on)),
    html('span', { class: 'change-kind' }, HAPPENING_NAMES[happening.kind] ?? happening.kind),
    html('span', { class: 'change-summary' }, happening.summary),
  );
}

function changes(item: AgendaPlan, lastMet: string | null): HTMLElement {
  const list = item.changesSinceLastMeeting;
  const earlier = Math.max(list.length - RECENT_CHANGES, 0);
  const items = html('ol', { class: 'changes' }, ...list.map((h, i) => changeItem(h, i < earlier)));
  const heading = lastMet ? `What changed since ${mediumDate(lastMet)}` : 'What is recorded on it';
  let toggle: Child = null;
  if (earlier > 0) {
    const button = html('button', { type: 'button', class: 'button button--quiet no-print', 'aria-expanded': 'false' }, `Show ${count(earlier, 'earlier change')}`);
    button.addEventListener('click', () => {
      const all = items.classList.toggle('changes--all');
      button.setAttribute('aria-expanded', String(all));
      button.textContent = all ? `Hide ${count(earlier, 'earlier change')}` : `Show ${count(earlier, 'earlier change')}`;
    });
    toggle = button;
  }
  return html('section', { class: 'plan-panel' }, html('h3', {}, heading), list.length === 0 ? html('p', { class: 'empty' }, 'Nothing new is recorded.') : items, toggle);
}

function openActions(item: AgendaPlan, context: PackContext): HTMLElement {
  const { pack, agencies } = context;
  const { plan } = item;
  const due: Array<{ on: string; title: string; who: string }> = plan.responseActions
    .filter((a) => a.outcome === null)
    .map((a) => ({ on: a.dueOn, title: a.description, who: agencyName(agencies, a.agencyId) }));
  if (plan.nextReviewDue !== null && plan.stage !== 'closed') due.push({ on: plan.nextReviewDue, title: 'Supervisory review', who: 'A supervisor' });
  due.sort((a, b) => a.on.localeCompare(b.on));
  return html(
    'section',
    { class: 'plan-panel' },
    html('h3', {}, 'Due and overdue'),
    due.length === 0
      ? html('p', { class: 'empty' }, 'No open action, and no review scheduled.')
      : html(
          'ul',
          { class: 'items' },
          ...due.map((d) => {
            const overdue = plan.stage !== 'closed' && d.on < pack.date;
            return html(
              'li',
              {},
              overdue ? overdueTag(lateness(d.on, pack.date)) : null,
              overdue ? ' ' : null,
              html('span', { class: 'item-title' }, d.title),
              html('span', { class: 'item-meta' }, `${d.who}, due ${mediumDate(d.on)} (${relativeDays(d.on, pack.date)})`),
            );
          }),
        ),
  );
}

function closurePanel(plan: PlanOnTimeline): HTMLElement | null {
  if (!plan.closure.proposed || plan.stage === 'closed') return null;
  return html(
    'section',
    { class: 'plan-panel' },
    html('h3', {}, 'Closure'),
    plan.closure.canClose
      ? html('p', {}, 'Every party who raised it is satisfied: the plan can close.')
      : html('div', {}, html('p', {}, `Proposed ${plan.closure.proposedOn ? mediumDate(plan.closure.proposedOn) : ''}. It cannot close yet:`), html('ul', { class: 'blockers' }, ...plan.closure.blockers.map((b) => html('li', {}, b)))),
  );
}

function ownerOf(plan: PlanOnTimeline): string {
  if (!plan.owner) return 'no owner yet';
  return `${plan.owner.name} (${plan.owner.agencyId ?? plan.owner.communityGroup ?? ''})`;
}

export function renderPack(context: PackContext): RenderedPack {
  const { pack, today } = context;
  const window = timelineWindow(pack.plans, pack.date, today);
  const rows: HTMLElement[] = [];
  const plans: RenderedPlan[] = [];
  const articles: HTMLElement[] = [];

  pack.plans.forEach((item, index) => {
    let current = item;
    const anchor = planAnchor(item.plan);
    const row = html('a', { class: 'timeline-row', href: `#${anchor}`, 'data-reference': item.plan.reference }, rowLabel(item, pack.date), planTrack(item, window, pack.date, today, 'row'));
    rows.push(row);
    const headingId = `${anchor}-heading`;
    const heading = html('h2', { id: headingId, tabindex: -1 }, item.plan.title);
    const bigTrack = html('div', { class: 'plan-timeline' }, timelineAxis(window, pack.date, today), planTrack(item, window, pack.date, today, 'full'));
    const formSlot = html('div', { class: 'plan-form-slot' });
    const reviewDue = item.plan.nextReviewDue;
    const article = html(
      'article',
      { class: 'plan', id: anchor, 'aria-labelledby': headingId, 'data-reference': item.plan.reference },
      html(
        'header',
        { class: 'plan-header' },
        html('p', { class: 'plan-count' }, `Plan ${index + 1} of ${pack.plans.length}`, html('span', { class: 'plan-reference' }, item.plan.reference)),
        heading,
        html(
          'p',
          { class: 'plan-facts' },
          tag(STAGE_NAMES[item.plan.stage], `stage tag--stage-${item.plan.stage}`),
          ` Owner: ${ownerOf(item.plan)}. Opened ${mediumDate(item.plan.openedOn)}.`,
          reviewDue !== null && item.plan.stage !== 'closed' ? ` Next review ${mediumDate(reviewDue)}.` : '',
          ' ',
          item.closureWaiting ? tag('Closure waiting', 'closure') : null,
        ),
      ),
      bigTrack,
      html('div', { class: 'plan-columns' }, changes(item, pack.lastMeeting?.heldOn ?? null), html('div', { class: 'plan-side' }, openActions(item, context), closurePanel(item.plan))),
      formSlot,
    );
    articles.push(article);
    plans.push({
      stop: { article, heading, row, name: `${item.plan.reference}, ${item.plan.title}` },
      formSlot,
      redraw: (plan) => {
        current = { ...current, plan };
        row.querySelector('svg.track')?.replaceWith(planTrack(current, window, pack.date, today, 'row'));
        bigTrack.querySelector('svg.track')?.replaceWith(planTrack(current, window, pack.date, today, 'full'));
      },
    });
  });

  const coverSection = cover(context);
  const attendanceSlot = html('div', { class: 'attendance-slot' });
  const closingSlot = html('div', { class: 'closing-slot' });
  const root = document.createDocumentFragment();
  root.append(
    html('div', { class: 'pack-front' }, coverSection, overview(context, window, rows), html('div', { class: 'pack-columns' }, priorities(context), overdueByAgency(context), closuresWaiting(context))),
    attendanceSlot,
    html('section', { class: 'plans', 'aria-label': 'Plan by plan' }, ...articles),
    closingSlot,
  );
  return { cover: coverSection, attendanceSlot, closingSlot, plans, root };
}
