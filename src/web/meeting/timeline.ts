/**
 * A plan's timeline as the meeting sees it: its SARA stages as bands, and
 * above them a mark for each meeting, review, action, measurement and
 * sign-off, on one axis shared by every plan of the pack so the rows compare.
 * A line marks today (and the meeting's day, when the pack is for another).
 *
 * Overdue is never colour alone: an overdue mark is hatched, and its lateness
 * is drawn as a hatched strip from the day it fell due, so the page reads the
 * same in greyscale, on a washed-out projector and in the printed minutes.
 *
 * Positions are percentages of the track's width, so a row stretches to any
 * screen or page without distorting the marks, which are drawn at their own
 * size inside nested SVG viewports.
 */
import { addDays, dayNumber, mediumDate, monthStarts, shortDate } from './calendar.js';
import type { AgendaPlan, PlanStage } from './meeting-pack.js';
import { count, html, svg } from './markup.js';

export interface TimelineWindow {
  readonly from: string;
  readonly to: string;
}

export const STAGE_NAMES: Readonly<Record<PlanStage, string>> = {
  scanning: 'Scanning',
  analysis: 'Analysis',
  response: 'Response',
  assessment: 'Assessment',
  closed: 'Closed',
};

export type MarkKind = 'meeting' | 'review-due' | 'review-done' | 'action-due' | 'action-done' | 'action-cancelled' | 'measurement' | 'sign-off';

export interface Mark {
  readonly kind: MarkKind;
  readonly on: string;
  readonly label: string;
  readonly overdue: boolean;
}

const MARK_NAMES: Readonly<Record<MarkKind, string>> = {
  meeting: 'Problem-solving meeting',
  'review-due': 'Review due',
  'review-done': 'Review done',
  'action-due': 'Action due',
  'action-done': 'Action done',
  'action-cancelled': 'Action cancelled',
  measurement: 'Measurement',
  'sign-off': 'Sign-off',
};

/** The axis every row of the pack shares: from a week before the earliest opening to three weeks past the last thing due. */
export function timelineWindow(plans: readonly AgendaPlan[], meetingDay: string, today: string): TimelineWindow {
  let from = meetingDay < today ? meetingDay : today;
  let to = meetingDay > today ? meetingDay : today;
  for (const { plan, stages } of plans) {
    const opened = stages[0]?.from ?? plan.openedOn;
    if (opened < from) from = opened;
    for (const mark of marksOf({ plan, stages }, meetingDay)) if (mark.on > to) to = mark.on;
  }
  from = addDays(from, -7);
  to = addDays(to, 21);
  // A pack of new plans still shows a season, so a week is not a third of the screen.
  if (dayNumber(to) - dayNumber(from) < 90) from = addDays(to, -90);
  return { from, to };
}

/** Every mark on the plan's row: what is recorded, and what is due and not done (overdue once its day is before the meeting's). */
export function marksOf(item: Pick<AgendaPlan, 'plan' | 'stages'>, meetingDay: string): Mark[] {
  const { plan } = item;
  const open = plan.stage !== 'closed';
  const marks: Mark[] = [];
  for (const happening of plan.timeline) {
    if (happening.kind === 'meeting') marks.push({ kind: 'meeting', on: happening.on, label: happening.summary, overdue: false });
    if (happening.kind === 'review-done') marks.push({ kind: 'review-done', on: happening.on, label: happening.summary, overdue: false });
    if (happening.kind === 'measurement') marks.push({ kind: 'measurement', on: happening.on, label: happening.summary, overdue: false });
    if (happening.kind === 'sign-off') marks.push({ kind: 'sign-off', on: happening.on, label: happening.summary, overdue: false });
  }
  for (const review of plan.reviews) {
    if (review.doneOn !== null) continue;
    const overdue = open && review.dueOn < meetingDay;
    marks.push({ kind: 'review-due', on: review.dueOn, label: `Supervisory review due ${mediumDate(review.dueOn)}${overdue ? ': OVERDUE' : ''}`, overdue });
  }
  for (const action of plan.responseActions) {
    if (action.outcome === 'done' && action.outcomeOn) {
      marks.push({ kind: 'action-done', on: action.outcomeOn, label: `Action done (${action.agencyId}): ${action.description}`, overdue: false });
    } else if (action.outcome === 'cancelled' && action.outcomeOn) {
      marks.push({ kind: 'action-cancelled', on: action.outcomeOn, label: `Action cancelled (${action.agencyId}): ${action.description}`, overdue: false });
    } else {
      const overdue = open && action.dueOn < meetingDay;
      marks.push({ kind: 'action-due', on: action.dueOn, label: `Action due ${mediumDate(action.dueOn)} (${action.agencyId}): ${action.description}${overdue ? ': OVERDUE' : ''}`, overdue });
    }
  }
  return marks.sort((a, b) => a.on.localeCompare(b.on) || a.kind.localeCompare(b.kind));
}

const percent = (window: TimelineWindow, day: string): number => {
  const span = dayNumber(window.to) - dayNumber(window.from);
  const at = ((dayNumber(day) - dayNumber(window.from)) / span) * 100;
  return Math.min(100, Math.max(0, at));
};
const pct = (value: number) => `${value.toFixed(3)}%`;

/** The shape of a mark, drawn about (0, 0) at the given radius. */
function markShape(kind: MarkKind, r: number): SVGElement {
  switch (kind) {
    case 'meeting':
      return svg('circle', { r, cx: 0, cy: 0 });
    case 'review-due':
    case 'review-done':
      return svg('polygon', { points: `0,${-r * 1.2} ${r * 1.2},0 0,${r * 1.2} ${-r * 1.2},0` });
    case 'action-due':
    case 'action-done':
      return svg('rect', { x: -r, y: -r, width: r * 2, height: r * 2 });
    case 'action-cancelled':
      return svg('g', {}, svg('rect', { x: -r, y: -r, width: r * 2, height: r * 2 }), svg('path', { class: 'mark-cross', d: `M${-r * 0.6},${-r * 0.6}L${r * 0.6},${r * 0.6}M${r * 0.6},${-r * 0.6}L${-r * 0.6},${r * 0.6}` }));
    case 'measurement':
      return svg('polygon', { points: `0,${-r * 1.1} ${r * 1.1},${r * 0.9} ${-r * 1.1},${r * 0.9}` });
    case 'sign-off':
      return svg('g', {}, svg('path', { class: 'mark-pole', d: `M${-r * 0.7},${r * 1.2}L${-r * 0.7},${-r * 1.2}` }), svg('path', { d: `M${-r * 0.7},${-r * 1.2}L${r * 1.1},${-r * 0.6}L${-r * 0.7},${0}Z` }));
  }
}

interface TrackSize {
  readonly height: number;
  readonly lanes: readonly number[];
  readonly band: { readonly y: number; readonly height: number };
  readonly radius: number;
}

const SIZES: Readonly<Record<'row' | 'full', TrackSize>> = {
  row: { height: 84, lanes: [16, 40], band: { y: 56, height: 26 }, radius: 8 },
  full: { height: 132, lanes: [20, 50, 80], band: { y: 98, height: 32 }, radius: 10 },
};

/** Marks closer than this share a lane only if nothing better is free. */
function lanesFor(marks: readonly Mark[], window: TimelineWindow, lanes: number): number[] {
  const gap = 2.2;
  const lastAt: number[] = Array.from({ length: lanes }, () => -Infinity);
  return marks.map((mark) => {
    const at = percent(window, mark.on);
    let lane = lastAt.findIndex((last) => at - last >= gap);
    if (lane === -1) lane = lastAt.indexOf(Math.min(...lastAt));
    lastAt[lane] = at;
    return lane;
  });
}

/** One plan's row: stage bands, overdue strips, marks, and the day lines. */
export function planTrack(item: AgendaPlan, window: TimelineWindow, meetingDay: string, today: string, size: 'row' | 'full'): SVGSVGElement {
  const { height, lanes, band, radius } = SIZES[size];
  const marks = marksOf(item, meetingDay).filter((m) => m.on >= window.from && m.on <= window.to);
  const overdue = marks.filter((m) => m.overdue);
  const stages = item.stages.map((s) => `${STAGE_NAMES[s.stage]} from ${mediumDate(s.from)}${s.until ? ` to ${mediumDate(s.until)}` : ''}`);
  const track = svg('svg', {
    class: `track track--${size}`,
    width: '100%',
    height,
    role: 'img',
    'aria-label': `${item.plan.reference} timeline. ${stages.join('; ')}. ${count(marks.length, 'mark')}${overdue.length ? `, ${overdue.length} overdue` : ', none overdue'}.`,
  });
  track.append(svg('rect', { class: 'track-ground', x: 0, y: band.y, width: '100%', height: band.height }));

  for (const period of item.stages) {
    const from = percent(window, period.from);
    // A period still running reaches the meeting's day; a closing is one day wide.
    const until = period.until === null ? percent(window, meetingDay > period.from ? meetingDay : period.from) : percent(window, period.until === period.from ? addDays(period.from, 1) : period.until);
    const width = Math.max(until - from, 0.4);
    track.append(
      svg(
        'g',
        { class: `band band--${period.stage}`, 'data-stage': period.stage },
        svg('title', {}, `${STAGE_NAMES[period.stage]}: ${mediumDate(period.from)} to ${period.until ? mediumDate(period.until) : 'now'}`),
        svg('rect', { x: pct(from), y: band.y, width: pct(width), height: band.height }),
        svg('text', { class: 'band-label', x: pct(from), dx: 6, y: band.y + band.height / 2, 'dominant-baseline': 'central' }, STAGE_NAMES[period.stage]),
      ),
    );
  }

  // How late each overdue thing is: a hatched strip from its due day to the meeting's.
  for (const mark of overdue) {
    const from = percent(window, mark.on);
    const to = percent(window, meetingDay);
    track.append(svg('rect', { class: 'overdue-strip', x: pct(from), y: band.y - 7, width: pct(Math.max(to - from, 0.4)), height: 6 }));
  }

  const dayLine = (day: string, kind: 'today' | 'meeting-day') => {
    const x = pct(percent(window, day));
    track.append(svg('line', { class: `day-line day-line--${kind}`, x1: x, x2: x, y1: 0, y2: height }));
  };
  if (meetingDay !== today) dayLine(meetingDay, 'meeting-day');
  dayLine(today, 'today');

  const laneOf = lanesFor(marks, window, lanes.length);
  marks.forEach((mark, i) => {
    const shape = markShape(mark.kind, radius);
    track.append(
      svg(
        'svg',
        {
          class: `mark mark--${mark.kind}${mark.overdue ? ' mark--overdue' : ''}`,
          'data-kind': mark.kind,
          'data-on': mark.on,
          x: pct(percent(window, mark.on)),
          y: lanes[laneOf[i]!]!,
          overflow: 'visible',
        },
        svg('title', {}, `${shortDate(mark.on)}: ${mark.label}`),
        shape,
      ),
    );
  });
  return track;
}

/** The shared axis: a tick and a name for each month, and the day lines named. */
export function timelineAxis(window: TimelineWindow, meetingDay: string, today: string): SVGSVGElement {
  const axis = svg('svg', { class: 'axis', width: '100%', height: 44, 'aria-hidden': 'true' });
  const months = monthStarts(window.from, window.to).filter((m) => m.on >= window.from);
  // On a long axis, every month named would run the names together.
  const every = months.length > 14 ? 3 : months.length > 8 ? 2 : 1;
  months.forEach((month, i) => {
    const at = percent(window, month.on);
    const x = pct(at);
    axis.append(svg('line', { class: 'axis-tick', x1: x, x2: x, y1: 26, y2: 44 }));
    // A month starting at the right-hand edge has no room for its name.
    if (i % every === 0 && at < 96) axis.append(svg('text', { class: 'axis-label', x, dx: 5, y: 40 }, month.label));
  });
  const named = (day: string, label: string, kind: string) => {
    const x = pct(percent(window, day));
    axis.append(svg('line', { class: `day-line day-line--${kind}`, x1: x, x2: x, y1: 18, y2: 44 }));
    axis.append(svg('text', { class: `day-label day-label--${kind}`, x, y: 14, 'text-anchor': 'middle' }, label));
  };
  if (meetingDay !== today) named(meetingDay, `Meeting ${shortDate(meetingDay)}`, 'meeting-day');
  named(today, `Today ${shortDate(today)}`, 'today');
  return axis;
}

/** What the bands and marks mean, drawn with the same shapes. */
export function timelineLegend(): HTMLElement {
  const swatch = (kind: MarkKind, overdue = false) =>
    svg('svg', { class: 'legend-swatch', width: 30, height: 30, viewBox: '-15 -15 30 30', 'aria-hidden': 'true' }, svg('g', { class: `mark mark--${kind}${overdue ? ' mark--overdue' : ''}` }, markShape(kind, 9)));
  const bandSwatch = (stage: PlanStage) => svg('svg', { class: 'legend-swatch', width: 44, height: 24, 'aria-hidden': 'true' }, svg('g', { class: `band band--${stage}` }, svg('rect', { x: 0, y: 2, width: 44, height: 20 })));
  const kinds: MarkKind[] = ['meeting', 'review-due', 'review-done', 'action-due', 'action-done', 'action-cancelled', 'measurement', 'sign-off'];
  return html(
    'div',
    { class: 'legend' },
    html('h3', { class: 'legend-heading' }, 'Reading the timeline'),
    html('ul', { class: 'legend-list' }, ...(Object.keys(STAGE_NAMES) as PlanStage[]).map((stage) => html('li', {}, bandSwatch(stage), `${STAGE_NAMES[stage]} stage`))),
    html(
      'ul',
      { class: 'legend-list' },
      ...kinds.map((kind) => html('li', {}, swatch(kind), MARK_NAMES[kind])),
      html('li', { class: 'legend-overdue' }, swatch('action-due', true), html('strong', {}, 'Overdue'), ': hatched, with a strip back to its due day'),
      html('li', {}, svg('svg', { class: 'legend-swatch', width: 20, height: 30, 'aria-hidden': 'true' }, svg('line', { class: 'day-line day-line--today', x1: 10, x2: 10, y1: 0, y2: 30 })), 'Today'),
    ),
  );
}

/**
 * Stage names inside bands too narrow to hold them are hidden (the band's
 * tooltip and the plan's own text still name it). Measured, so it runs again
 * whenever the page is laid out anew: a resize, or printing.
 */
export function fitBandLabels(root: ParentNode): void {
  for (const band of root.querySelectorAll<SVGGElement>('.track .band')) {
    const rect = band.querySelector('rect');
    const label = band.querySelector<SVGTextElement>('.band-label');
    if (!rect || !label) continue;
    label.classList.remove('band-label--hidden');
    if (label.getComputedTextLength() + 12 > rect.getBBox().width) label.classList.add('band-label--hidden');
  }
}
