/**
 * A plan written up as a problem-solving award entry is shaped (the Tilley
 * and Goldstein awards): a summary of at most 400 words, then Scanning,
 * Analysis, Response and Assessment. Markdown, composed from the record
 * alone: no clock, no look-ups, nothing that is not in the plan's events.
 */
import type { Aim, PlanStage, ResponseStrand } from '../../domain/plan/commands.js';
import { evaluateProcess } from '../../domain/plan/evaluation.js';
import type { OpenedPlan } from '../../domain/plan/state.js';
import { type PersonRef, publicNameOf } from '../../domain/shared/values.js';
import { type ObjectiveResult, type PlanView, resultsByObjective } from '../../projections/plans.js';

/** The award entries' limit on the summary. */
export const SUMMARY_WORD_LIMIT = 400;

/** What a section with nothing in it says, instead of an empty heading. */
const NOTHING = 'Not recorded yet.';

/** Word budgets for the free text the summary quotes; the whole summary is capped as well. */
const BUDGET = { problem: 40, whereWhen: 15, hypothesis: 20, hypotheses: 3, strand: 25, measure: 12, objectives: 4, justification: 40, comment: 20, parties: 5 } as const;

const STRANDS: readonly ResponseStrand[] = ['prevention', 'intelligence', 'enforcement'];
const DISPLACEMENT_KINDS = ['temporal', 'spatial', 'target', 'tactical', 'offence'] as const;

/* ---------- text ---------- */

/** One line: every run of white space, newlines included, as one space. */
const inline = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A paragraph of user text that would otherwise start a heading, quote, list or table: its first mark escaped. */
const asParagraph = (text: string): string => text.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2').replace(/^([#>|=+*-])/, '\\$1');

/** Free text as its own paragraphs: blank lines kept as paragraph breaks, everything else on one line. */
const paragraphs = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map((p) => asParagraph(inline(p)))
    .filter((p) => p.length > 0)
    .join('\n\n');

/** Text inside a table cell: backslashes and `|` escaped, line breaks as `<br>`, never empty. */
export function cell(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(inline)
    .filter((l) => l.length > 0)
    .map((l) => l.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));
  return lines.length > 0 ? lines.join('<br>') : '—';
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

/** How many words, as the summary limit counts them: runs of anything but white space. */
export const wordCount = (text: string): number => words(text).length;

const TRAILING_PUNCTUATION = /[\s,;:.!?–—-]+$/u;

/** At most `max` words of `text`, cut between words and ended with an ellipsis when cut. */
export function clipWords(text: string, max: number): string {
  const all = words(text);
  if (all.length <= max) return all.join(' ');
  const kept = all.slice(0, Math.max(1, max)).join(' ').replace(TRAILING_PUNCTUATION, '');
  return `${kept}…`;
}

/** `text` with its first `max` words only, keeping its own line breaks; an ellipsis where it is cut. */
function capWords(text: string, max: number): string {
  const pattern = /\S+/g;
  let count = 0;
  let end = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    count += 1;
    if (count === max) end = match.index + match[0].length;
  }
  if (count <= max) return text;
  return `${text.slice(0, end).replace(TRAILING_PUNCTUATION, '')}…`;
}

/** The first sentence of a description: up to the first full stop, question or exclamation mark followed by a space. */
function firstSentence(text: string): string {
  const flat = inline(text);
  const match = /^.*?[.!?](?=\s|$)/u.exec(flat);
  return match ? match[0] : flat;
}

/** Ends the text as a sentence, unless it already ends with a stop or an ellipsis. */
const stop = (text: string): string => (/[.!?…]$/u.test(text) ? text : `${text}.`);

/** Without its closing full stop, to join into a list. */
const unstop = (text: string): string => text.replace(/\.$/u, '');

const capitalised = (text: string): string => (text.length > 0 ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/* ---------- Markdown ---------- */

function table(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** A heading and its blocks; a heading with no blocks says so in one line rather than standing empty. */
function section(level: 2 | 3, heading: string, blocks: readonly string[]): string {
  const body = blocks.filter((b) => b.length > 0);
  return [`${'#'.repeat(level)} ${heading}`, ...(body.length > 0 ? body : [NOTHING])].join('\n\n');
}

/* ---------- values ---------- */

const stageName = (stage: PlanStage): string => capitalised(stage);

const belongsTo = (person: Pick<PersonRef, 'agencyId' | 'communityGroup'>): string => inline(person.agencyId ?? person.communityGroup ?? '');

function personWithHome(person: PersonRef, withRole: boolean): string {
  const role = withRole && person.role ? `, ${inline(person.role)}` : '';
  return `${inline(person.name)}${role} (${belongsTo(person)})`;
}

function aimText(aim: Aim): string {
  switch (aim.kind) {
    case 'eliminate':
      return 'eliminate the problem';
    case 'reduce':
      return `reduce it by ${aim.byPercent}%`;
    case 'reduce-seriousness':
      return 'reduce its seriousness';
    case 'handle-more-efficiently':
      return 'handle it more efficiently';
    case 'hand-over':
      return `hand it to ${inline(aim.to)}`;
  }
}

const num = (n: number): string => String(n);

const percent = (p: number | null): string => (p === null ? '—' : `${p > 0 ? '+' : ''}${p}%`);

function metText(result: ObjectiveResult): string {
  if (result.met === null) return 'not measured yet';
  if (result.concluded) return result.met ? 'yes' : 'no';
  return result.met ? 'on target so far' : 'not on target yet';
}

function latestText(result: ObjectiveResult): string {
  if (!result.latest) return 'not measured yet';
  const comparison = result.latest.comparisonAreaValue !== undefined ? `; comparison area ${num(result.latest.comparisonAreaValue)}` : '';
  return `${num(result.latest.value)} (${result.latest.measuredOn}${comparison})`;
}

/* ---------- the parts ---------- */

function headline(plan: OpenedPlan): string {
  const dates = plan.closedOn ? `opened ${plan.openedOn}, closed ${plan.closedOn}` : `opened ${plan.openedOn}`;
  const owner = plan.owner ? personWithHome(plan.owner, true) : 'none yet';
  const partners = plan.partners.size > 0 ? [...plan.partners.values()].map((p) => personWithHome(p, false)).join(', ') : 'none yet';
  const raisers = [...plan.raisers.values()].map((r) => inline(publicNameOf(r))).join(', ');
  return `**Stage:** ${stageName(plan.stage)} (${dates}) · **Owner:** ${owner} · **Partners:** ${partners} · **Raised by:** ${raisers}`;
}

function summary(plan: OpenedPlan, results: readonly ObjectiveResult[]): string {
  const parts: string[] = [];

  if (plan.scanning) {
    const { description, where, when } = plan.scanning;
    parts.push(
      `**Problem.** ${stop(clipWords(firstSentence(description), BUDGET.problem))} Where: ${stop(clipWords(where, BUDGET.whereWhen))} When: ${stop(clipWords(when, BUDGET.whereWhen))}`,
    );
  } else if (plan.description) {
    parts.push(`**Problem.** ${stop(clipWords(firstSentence(plan.description), BUDGET.problem))} The scanning is not recorded yet.`);
  } else {
    parts.push('**Problem.** The scanning is not recorded yet.');
  }

  if (plan.analysis) {
    const { hypotheses, dataUsed } = plan.analysis;
    const listed = hypotheses.slice(0, BUDGET.hypotheses).map((h) => `“${unstop(clipWords(h, BUDGET.hypothesis))}”`);
    const more = hypotheses.length > listed.length ? `; and ${hypotheses.length - listed.length} more` : '';
    parts.push(`**Analysis.** From ${plural(dataUsed.length, 'source')} of data, the partnership put forward ${plural(hypotheses.length, 'hypothesis', 'hypotheses')}: ${listed.join('; ')}${more}.`);
  } else {
    parts.push(`**Analysis.** ${NOTHING}`);
  }

  const strands = STRANDS.flatMap((strand) => {
    const response = plan.responses[strand];
    return response ? [`${capitalised(strand)}: ${stop(clipWords(response.plan, BUDGET.strand))}`] : [];
  });
  if (strands.length > 0 || plan.actions.size > 0) {
    const done = [...plan.actions.values()].filter((a) => a.outcome?.status === 'done').length;
    parts.push(`**Response.** ${[...strands, `${done} of ${plural(plan.actions.size, 'response action')} done.`].join(' ')}`);
  } else {
    parts.push(`**Response.** ${NOTHING}`);
  }

  if (results.length > 0) {
    const lines = results.slice(0, BUDGET.objectives).map((r) => {
      const measure = unstop(clipWords(r.measure, BUDGET.measure));
      const verdict = r.concluded ? (r.met ? 'met' : 'not met') : r.met ? 'on target so far' : 'not on target yet';
      if (!r.latest) return `${measure}: baseline ${num(r.baseline)}, target ${num(r.target)}, ${r.concluded ? `judged ${verdict}` : 'not measured yet'}.`;
      return `${measure}: ${num(r.baseline)} → ${num(r.latest.value)} (target ${num(r.target)}), ${verdict}.`;
    });
    const more = results.length > lines.length ? ` ${plural(results.length - lines.length, 'more objective')} in the Assessment.` : '';
    parts.push(`**Results.** ${lines.join(' ')}${more}`);
  } else {
    parts.push('**Results.** No objectives set yet.');
  }

  parts.push(`**Outcome.** ${outcome(plan)}`);
  return capWords(parts.join('\n\n'), SUMMARY_WORD_LIMIT);
}

function outcome(plan: OpenedPlan): string {
  if (plan.stage === 'closed') {
    const why = plan.closure ? ` ${stop(capitalised(clipWords(plan.closure.justification, BUDGET.justification)))}` : '';
    return `Closed on ${plan.closedOn ?? 'an unrecorded day'}.${why}`;
  }
  const sentences = [`Open, at the ${plan.stage} stage.`];
  const reopened = plan.reopenings.at(-1);
  if (reopened) sentences.push(`Reopened on ${reopened.reopenedOn}: ${stop(clipWords(reopened.reason, BUDGET.justification))}`);
  if (plan.closure) {
    const closure = plan.closure;
    sentences.push(`Closure proposed on ${closure.proposedOn}: ${stop(clipWords(closure.justification, BUDGET.justification))}`);
    const parties = [...plan.raisers.values()];
    const unsatisfied = parties.filter((p) => closure.signOffs.get(p.partyId)?.satisfied === false);
    const unsigned = parties.filter((p) => !closure.signOffs.has(p.partyId));
    const names = (list: typeof parties) => {
      const shown = list.slice(0, BUDGET.parties).map((p) => inline(publicNameOf(p)));
      return list.length > shown.length ? `${shown.join(', ')} and ${plural(list.length - shown.length, 'other')}` : shown.join(', ');
    };
    if (unsatisfied.length > 0) sentences.push(`Not satisfied: ${names(unsatisfied)}.`);
    if (unsigned.length > 0) sentences.push(`Not yet signed off by ${names(unsigned)}.`);
  }
  return sentences.join(' ');
}

function scanningSection(plan: OpenedPlan): string {
  const blocks: string[] = [];
  if (plan.description) blocks.push(`*As opened on ${plan.openedOn}:* ${inline(plan.description)}`);
  const s = plan.scanning;
  if (s) {
    blocks.push(paragraphs(s.description));
    blocks.push(
      [
        `- **Initial indicators:** ${s.initialIndicators.map((i) => unstop(inline(i))).join('; ')}`,
        `- **Where:** ${inline(s.where)}`,
        `- **When:** ${inline(s.when)}`,
        `- **Reported by:** ${inline(s.reportedBy)}`,
        `- **Sources:** ${s.sources.map((source) => source.replace(/-/g, ' ')).join(', ')}`,
        `- **Why prioritised:** ${inline(s.whyPrioritised)}`,
      ].join('\n'),
    );
  } else if (plan.description) {
    blocks.push('The scanning itself is not recorded yet.');
  }
  return section(2, 'Scanning', blocks);
}

function analysisSection(plan: OpenedPlan): string {
  const blocks: string[] = [];
  const a = plan.analysis;
  if (a) {
    const m = a.problemMatrix;
    const matrix: Array<[string, string]> = [
      ['What', m.what],
      ['Who offends', m.offenders],
      ['Who or what is victimised', m.victims],
      ['Where', m.where],
      ['When', m.when],
      ['How', m.how],
      ['How often', m.howOften],
      ['What impact', m.impact],
      ['Are there repeats', m.repeats],
    ];
    blocks.push(section(3, 'Problem matrix', [table(['Question', 'Finding'], matrix.map(([q, finding]) => [q, cell(finding)]))]));
    const t = a.triangle;
    blocks.push(
      section(3, 'Problem analysis triangle', [
        table(
          ['Side', 'What the analysis found', 'Controller'],
          [
            ['Offender', cell(t.offender.description), `Handler: ${cell(t.offender.handler)}`],
            ['Victim or target', cell(t.target.description), `Guardian: ${cell(t.target.guardian)}`],
            ['Place', cell(t.place.description), `Manager: ${cell(t.place.manager)}`],
          ],
        ),
      ]),
    );
    blocks.push(section(3, 'Hypotheses', [a.hypotheses.map((h, i) => `${i + 1}. ${inline(h)}`).join('\n')]));
    blocks.push(section(3, 'Data used', [a.dataUsed.map((d) => `- ${inline(d)}`).join('\n')]));
  }
  if (plan.risk.length > 0 || plan.communityImpact.length > 0) {
    const lines = [
      ...plan.risk.map((r) => `- **Risk**, ${r.assessedOn}: ${r.level}. ${stop(inline(r.reasons))}`),
      ...plan.communityImpact.map((r) => `- **Community impact**, ${r.assessedOn}: ${r.level}. ${stop(inline(r.reasons))}`),
    ];
    blocks.push(section(3, 'Risk and community impact', [lines.join('\n')]));
  }
  return section(2, 'Analysis', blocks);
}

function responseSection(plan: OpenedPlan): string {
  const blocks: string[] = [];
  if (plan.objectives.size > 0) {
    const rows = [...plan.objectives.values()].map((o) => [cell(o.statement), cell(o.measure), num(o.baseline), num(o.target), o.byDate, cell(aimText(o.aim))]);
    blocks.push(section(3, 'Objectives', [table(['Objective', 'Measure', 'Baseline', 'Target', 'By', 'Aim'], rows)]));
  }
  const anyStrand = STRANDS.some((strand) => plan.responses[strand] !== undefined);
  if (anyStrand) {
    for (const strand of STRANDS) {
      const response = plan.responses[strand];
      if (!response) {
        blocks.push(section(3, `${capitalised(strand)} plan`, []));
        continue;
      }
      const lines = [`- **Communication strategy:** ${inline(response.communicationStrategy)}`];
      if (response.communityEngagement) lines.push(`- **Community engagement:** ${inline(response.communityEngagement)}`);
      blocks.push(section(3, `${capitalised(strand)} plan`, [paragraphs(response.plan), lines.join('\n')]));
    }
  }
  if (plan.actions.size > 0) {
    const rows = [...plan.actions.values()].map((a) => [cell(a.agencyId), cell(a.description), a.dueOn, a.outcome ? `${a.outcome.status} ${a.outcome.on}` : 'open']);
    blocks.push(section(3, 'Response actions', [table(['Agency', 'Action', 'Due', 'Outcome'], rows)]));
  }
  if (plan.meetings.length > 0) {
    const lines = plan.meetings.map((m) => {
      const attended = m.attendees.map((p) => personWithHome(p, false)).join(', ');
      const decisions = m.decisions.length > 0 ? ` Decided: ${m.decisions.map((d) => unstop(inline(d))).join('; ')}.` : '';
      const agreed = m.actionsAgreed.length > 0 ? ` Actions agreed: ${m.actionsAgreed.map((d) => unstop(inline(d))).join('; ')}.` : '';
      return `- ${m.heldOn}, chaired by ${inline(m.chair)}; attended by ${attended}.${decisions}${agreed}`;
    });
    blocks.push(section(3, 'Problem-solving meetings', [lines.join('\n')]));
  }
  if (plan.escalations.length > 0) {
    const lines = plan.escalations.map((e) => `- ${e.escalatedOn}: asked for ${unstop(inline(e.resourceRequested))}, because ${stop(inline(e.reason))}`);
    blocks.push(section(3, 'Escalations to the TT&CG', [lines.join('\n')]));
  }
  return section(2, 'Response', blocks);
}

function assessmentSection(plan: OpenedPlan, results: readonly ObjectiveResult[]): string {
  const blocks: string[] = [];
  const c = plan.conclusion;

  if (results.length > 0 && (plan.measurements.length > 0 || c)) {
    const rows = results.map((r) => [cell(r.measure), num(r.baseline), num(r.target), latestText(r), percent(r.changePercent), metText(r)]);
    const notes = (c?.impact ?? []).flatMap((i) => {
      const objective = plan.objectives.get(i.objectiveId);
      return objective ? [`- ${inline(objective.measure)}: ${inline(i.note)}`] : [];
    });
    blocks.push(section(3, 'Results', [table(['Measure', 'Baseline', 'Target', 'Latest', 'Change', 'Met'], rows), notes.join('\n')]));
  }

  if (c || plan.actions.size > 0) {
    const p = c?.process ?? evaluateProcess(plan.actions.values(), '');
    const counted = c ? `As counted when the results analysis was concluded on ${c.concludedOn}` : 'So far, from the response actions';
    const overdue = c ? ` (${p.overdue} overdue)` : '';
    blocks.push(
      section(3, 'Process evaluation', [
        `${counted}: ${plural(p.planned, 'action')} planned; ${p.done} done (${p.doneLate} of them late); ${p.cancelled} cancelled; ${p.stillOpen} still open${overdue}.`,
      ]),
    );
  }

  if (c) {
    blocks.push(section(3, 'What worked', [paragraphs(c.whatWorked)]));
    blocks.push(section(3, 'What did not work', [paragraphs(c.whatDidNot)]));
    const rows = DISPLACEMENT_KINDS.map((kind) => [capitalised(kind), c.displacement[kind].found ? 'yes' : 'no', cell(c.displacement[kind].note)]);
    blocks.push(section(3, 'Displacement', [table(['Kind', 'Found', 'What was looked at'], rows)]));
    blocks.push(section(3, 'Diffusion of benefits', [paragraphs(c.diffusionOfBenefits)]));
  } else if (blocks.length > 0) {
    blocks.push('The results analysis is not concluded yet.');
  }

  if (plan.reviews.size > 0) {
    const lines = [...plan.reviews.values()]
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .map((r) => {
        if (!r.done) return `- Due ${r.dueOn}: not done yet.`;
        const next = r.done.nextReviewOn ? ` Next review ${r.done.nextReviewOn}.` : '';
        return `- Due ${r.dueOn}, done ${r.done.doneOn} by ${inline(r.done.reviewer)}: ${stop(inline(r.done.finding))}${next}`;
      });
    blocks.push(section(3, 'Supervisory reviews', [lines.join('\n')]));
  }

  if (plan.closure || plan.stage === 'closed' || plan.reopenings.length > 0) {
    const closureBlocks: string[] = [];
    const closure = plan.closure;
    if (plan.stage === 'closed') closureBlocks.push(`Closed on ${plan.closedOn ?? 'an unrecorded day'}.`);
    if (closure) {
      closureBlocks.push(`**Justification** (proposed ${closure.proposedOn}): ${inline(closure.justification)}`);
      const rows = [...plan.raisers.values()].map((party) => {
        const signOff = closure.signOffs.get(party.partyId);
        if (!signOff) return [cell(publicNameOf(party)), 'not signed yet', '—', '—'];
        return [cell(publicNameOf(party)), signOff.signedOn, signOff.satisfied ? 'yes' : 'no', cell(signOff.comment)];
      });
      closureBlocks.push(table(['Raised by', 'Signed off', 'Satisfied', 'Comment'], rows));
    }
    if (plan.reopenings.length > 0) {
      closureBlocks.push(plan.reopenings.map((r) => `- Reopened ${r.reopenedOn}: ${stop(inline(r.reason))}`).join('\n'));
    }
    blocks.push(section(3, 'Closure', closureBlocks));
  }

  return section(2, 'Assessment', blocks);
}

/** The plan as an award entry: title and reference, who is involved, a summary of at most 400 words, then SARA. */
export function planReport(view: PlanView): string {
  const { plan } = view;
  const results = resultsByObjective(plan);
  return `${[
    `# ${inline(plan.title)} (${plan.reference})`,
    headline(plan),
    section(2, 'Summary', [summary(plan, results)]),
    scanningSection(plan),
    analysisSection(plan),
    responseSection(plan),
    assessmentSection(plan, results),
  ].join('\n\n')}\n`;
}
