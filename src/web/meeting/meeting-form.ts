/**
 * Recording the meeting from the page. Who is here (the chair and the
 * attendees) is entered once, for the whole meeting; under each plan the
 * group's decisions and the actions it agreed are recorded on that plan with
 * `recordMeeting`; at the end the group's own meeting is recorded with
 * `recordCoordinationMeeting`, and the next pack counts from it.
 *
 * A refusal is shown where it applies, as the API typed it: a
 * ValidationError's messages beside the fields its paths name, a
 * RuleViolation with its code, a conflict with both revisions and the way to
 * reload. Each message is an alert, so a screen reader says it at once.
 */
import { newIdempotencyKey } from './graphql-client.js';
import type { Agency, Attendee, Outcome, SignedIn } from './meeting-pack.js';
import { count, html } from './markup.js';

let fieldIds = 0;
const nextId = (stem: string) => `${stem}-${++fieldIds}`;

/** A control and the message under it when the server says it is wrong. */
interface FieldSlot {
  readonly control: HTMLElement;
  readonly after: HTMLElement;
  /** What the person calls the field, for the summary. */
  readonly name: string;
}

function markInvalid(slot: FieldSlot, message: string): void {
  const id = nextId('field-error');
  const note = html('p', { class: 'field-error', id }, html('span', { class: 'visually-hidden' }, 'Error: '), message);
  slot.after.after(note);
  slot.control.setAttribute('aria-invalid', 'true');
  const described = slot.control.getAttribute('aria-describedby');
  slot.control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
  slot.control.dataset.errorNote = [slot.control.dataset.errorNote, id].filter(Boolean).join(' ');
}

function clearInvalid(control: HTMLElement): void {
  for (const id of (control.dataset.errorNote ?? '').split(' ').filter(Boolean)) document.getElementById(id)?.remove();
  const described = (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((id) => id && !(control.dataset.errorNote ?? '').split(' ').includes(id))
    .join(' ');
  if (described) control.setAttribute('aria-describedby', described);
  else control.removeAttribute('aria-describedby');
  control.removeAttribute('aria-invalid');
  delete control.dataset.errorNote;
}

function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId('field');
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return html('div', { class: 'field' }, html('label', { for: id }, label), hint ? html('p', { class: 'hint', id: hintId }, hint) : null, control);
}

/** The lines of a text box, each a decision or an action; blank lines left out. */
function linesOf(box: HTMLTextAreaElement): string[] {
  return box.value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

class AttendeeRow {
  readonly element: HTMLElement;
  readonly name: HTMLInputElement;
  readonly represents: HTMLSelectElement;
  readonly group: HTMLInputElement;
  private readonly groupField: HTMLElement;

  constructor(agencies: readonly Agency[], given: Attendee | null, onRemove: (row: AttendeeRow) => void) {
    this.name = html('input', { type: 'text', autocomplete: 'off', maxlength: 120, class: 'input-name' });
    this.represents = html(
      'select',
      {},
      ...agencies.map((a) => html('option', { value: `agency:${a.id}` }, a.name)),
      html('option', { value: 'group' }, 'A community group…'),
    );
    this.group = html('input', { type: 'text', autocomplete: 'off', maxlength: 160 });
    this.groupField = labelled('Community group', this.group);
    const remove = html('button', { type: 'button', class: 'button button--quiet' }, 'Remove', html('span', { class: 'visually-hidden' }, ' this person'));
    remove.addEventListener('click', () => onRemove(this));
    this.represents.addEventListener('change', () => this.showGroup());
    if (given) {
      this.name.value = given.name;
      this.represents.value = given.agencyId ? `agency:${given.agencyId}` : 'group';
      this.group.value = given.communityGroup ?? '';
    }
    this.element = html('li', { class: 'attendee' }, labelled('Name', this.name), labelled('Represents', this.represents), this.groupField, remove);
    this.showGroup();
  }

  private showGroup(): void {
    this.groupField.hidden = this.represents.value !== 'group';
  }

  isBlank(): boolean {
    return this.name.value.trim() === '' && (this.represents.value !== 'group' || this.group.value.trim() === '');
  }

  attendee(): Attendee {
    const name = this.name.value.trim();
    if (this.represents.value === 'group') return { name, communityGroup: this.group.value.trim() };
    return { name, agencyId: this.represents.value.replace(/^agency:/, '') };
  }

  slotFor(field: string | undefined): FieldSlot {
    if (field === 'communityGroup') return { control: this.group, after: this.group, name: 'the community group' };
    if (field === 'agencyId') return { control: this.represents, after: this.represents, name: 'whom they represent' };
    return { control: this.name, after: this.name, name: 'the name' };
  }

  clearErrors(): void {
    for (const control of [this.name, this.represents, this.group]) clearInvalid(control);
  }
}

export interface Attendance {
  readonly chair: string;
  readonly attendees: readonly Attendee[];
}

/** Who is here: the agreed chair, and everyone attending. Entered once; every record of the meeting names them. */
export class AttendancePanel {
  readonly element: HTMLElement;
  private readonly chair: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly legend: HTMLElement;
  private readonly minutes: HTMLElement;
  private rows: AttendeeRow[] = [];
  /** The rows as last sent, by the index the API's paths use (blank rows are not sent). */
  private sent: AttendeeRow[] = [];

  constructor(private readonly agencies: readonly Agency[], me: SignedIn) {
    this.chair = html('input', { type: 'text', autocomplete: 'off', maxlength: 160, id: 'meeting-chair' });
    this.list = html('ul', { class: 'attendees' });
    // Focusable from the error summary, when the list as a whole is wrong (nobody named).
    this.legend = html('legend', { tabindex: -1 }, 'Attending');
    const add = html('button', { type: 'button', class: 'button button--secondary' }, 'Add someone');
    add.addEventListener('click', () => this.add(null).name.focus());
    this.minutes = html('p', { class: 'print-only minutes' });
    this.add({ name: me.name, agencyId: me.agency.id });
    this.element = html(
      'section',
      { class: 'attendance', 'aria-labelledby': 'attendance-heading' },
      html('h2', { id: 'attendance-heading' }, 'Who is here'),
      html('p', { class: 'lede no-print' }, 'Entered once for the meeting: every record made from this page names the chair and everyone attending.'),
      html('div', { class: 'attendance-fields no-print' }, labelled('Chair', this.chair, 'The chair the group agreed, e.g. Cllr Nadia Ahmed.'), html('fieldset', { class: 'attendees-fieldset' }, this.legend, this.list, add)),
      this.minutes,
    );
    // The printed minutes carry who was there as text, not as a form.
    this.element.addEventListener('input', () => this.writeMinutes());
    this.element.addEventListener('change', () => this.writeMinutes());
  }

  private writeMinutes(): void {
    const chair = this.chair.value.trim();
    const present = this.rows
      .filter((row) => !row.isBlank())
      .map((row) => {
        const a = row.attendee();
        const from = a.agencyId ? (this.agencies.find((g) => g.id === a.agencyId)?.name ?? a.agencyId) : a.communityGroup;
        return `${a.name} (${from})`;
      });
    this.minutes.textContent = `Chair: ${chair || 'not recorded'}. Attending: ${present.length ? present.join('; ') : 'not recorded'}.`;
  }

  private add(given: Attendee | null): AttendeeRow {
    const row = new AttendeeRow(this.agencies, given, (gone) => {
      this.rows = this.rows.filter((r) => r !== gone);
      gone.element.remove();
      this.writeMinutes();
    });
    this.rows.push(row);
    this.list.append(row.element);
    this.writeMinutes();
    return row;
  }

  current(): Attendance {
    this.sent = this.rows.filter((row) => !row.isBlank());
    return { chair: this.chair.value.trim(), attendees: this.sent.map((row) => row.attendee()) };
  }

  clearErrors(): void {
    clearInvalid(this.chair);
    clearInvalid(this.legend);
    for (const row of this.rows) row.clearErrors();
  }

  /** The slot an input path names (`chair`, `attendees`, `attendees.2.name`), if it is one of this panel's. */
  slotFor(path: string): FieldSlot | undefined {
    if (path === 'chair') return { control: this.chair, after: this.chair, name: 'Chair' };
    const match = /^attendees(?:\.(\d+)(?:\.(\w+))?)?$/.exec(path);
    if (!match) return undefined;
    if (match[1] === undefined) return { control: this.legend, after: this.list, name: 'Attending' };
    const row = this.sent[Number(match[1])];
    if (!row) return { control: this.legend, after: this.list, name: 'Attending' };
    const slot = row.slotFor(match[2]);
    return { ...slot, name: `Attending, ${row.name.value.trim() || `person ${Number(match[1]) + 1}`}: ${slot.name}` };
  }
}

export interface OutcomeContext {
  /** What was being recorded, for the sentences: "PSP-2026-0002", "the group’s meeting". */
  readonly what: string;
  /** Where each input path's message goes; a path with no place is listed in the summary alone. */
  readonly slotFor: (path: string) => FieldSlot | undefined;
  readonly reload: () => void;
}

/** A refusal, shown as the API typed it. Success is the caller's to say. */
export function showRefusal(box: HTMLElement, outcome: Exclude<Outcome<unknown>, { kind: 'done' }>, context: OutcomeContext): void {
  box.replaceChildren();
  speaks(box, 'alert');
  box.className = 'outcome outcome--refused';
  const heading = (text: string) => html('p', { class: 'outcome-heading' }, text);
  switch (outcome.kind) {
    case 'invalid': {
      const items = outcome.fieldErrors.map((error) => {
        const slot = context.slotFor(error.path);
        if (!slot) return html('li', {}, `${error.path || 'The input'}: ${error.message}`);
        markInvalid(slot, error.message);
        const { control } = slot;
        control.id ||= nextId('field');
        const link = html('a', { href: `#${control.id}` }, `${slot.name}: ${error.message}`);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          control.focus();
        });
        return html('li', {}, link);
      });
      box.append(heading(`Not recorded: ${count(outcome.fieldErrors.length, 'thing', 'things')} to put right.`), html('ul', { class: 'outcome-list' }, ...items));
      break;
    }
    case 'rule':
      box.append(heading('Not recorded: a rule stops it.'), html('p', {}, html('code', { class: 'code' }, outcome.code), ' ', outcome.message));
      break;
    case 'conflict': {
      const reload = html('button', { type: 'button', class: 'button' }, 'Reload the pack');
      reload.addEventListener('click', () => context.reload());
      box.append(
        heading(`Not recorded: ${context.what} changed since the pack was opened.`),
        html('p', {}, `You read revision ${outcome.expectedRevision ?? 'none'}; it is now at ${outcome.actualRevision ?? 'none'}. Reload the pack to see what changed, then record again.`),
        reload,
      );
      break;
    }
    case 'forbidden':
      box.append(heading('Not recorded: your sign-in may not make this record.'), html('p', {}, outcome.message));
      break;
    case 'not-found':
      box.append(heading(`Not recorded: ${context.what} was not found.`), html('p', {}, outcome.message));
      break;
  }
}

/**
 * The box says what follows at once (an alert: something stopped) or when the
 * reader is free (a status: it is done). The role alone decides: an
 * aria-live left on the box would override it.
 */
function speaks(box: HTMLElement, role: 'alert' | 'status'): void {
  box.removeAttribute('aria-live');
  box.setAttribute('role', role);
}

export function showProblem(box: HTMLElement, message: string): void {
  speaks(box, 'alert');
  box.className = 'outcome outcome--refused';
  box.replaceChildren(html('p', { class: 'outcome-heading' }, message));
}

export function showDone(box: HTMLElement, message: string): void {
  speaks(box, 'status');
  box.className = 'outcome outcome--done';
  box.replaceChildren(html('p', { class: 'outcome-heading' }, html('span', { class: 'tick', 'aria-hidden': 'true' }, '✓ '), message));
}

/**
 * The idempotency key of one thing to record: kept while the words stay the
 * same, so pressing Record again after a lost answer records it once; new as
 * soon as anything is changed.
 */
export class RequestKey {
  private key = newIdempotencyKey();
  private words = '';

  for(words: string): string {
    if (words !== this.words) {
      this.key = newIdempotencyKey();
      this.words = words;
    }
    return this.key;
  }
}

export interface PlanDiscussion {
  readonly decisions: readonly string[];
  readonly actionsAgreed: readonly string[];
}

export interface PlanDraft {
  readonly decisions: string;
  readonly actions: string;
}

/** Under each plan: the decisions and actions agreed, one a line, recorded on the plan. */
export class PlanMeetingForm {
  readonly element: HTMLFormElement;
  readonly outcome: HTMLElement;
  readonly decisions: HTMLTextAreaElement;
  readonly actions: HTMLTextAreaElement;
  readonly submit: HTMLButtonElement;
  readonly key = new RequestKey();
  private readonly minutes: HTMLElement;
  private recordedWords: string | null = null;

  /**
   * `recorded`: what Casebook already holds for this meeting on the plan
   * (after a reload), shown in the boxes; `draft`: words typed before the
   * pack was reloaded, which win over it.
   */
  constructor(reference: string, recorded: PlanDiscussion | null, draft: PlanDraft | null, onRecord: (form: PlanMeetingForm) => void) {
    this.decisions = html('textarea', { rows: 3, class: 'lines' });
    this.actions = html('textarea', { rows: 3, class: 'lines' });
    this.submit = html('button', { type: 'submit', class: 'button' }, `Record the meeting on ${reference}`);
    this.outcome = html('div', { class: 'outcome', role: 'status' });
    this.minutes = html('div', { class: 'print-only minutes' });
    this.element = html(
      'form',
      { class: 'plan-meeting', novalidate: true },
      this.minutes,
      html('h3', { class: 'no-print' }, `Record what the group agreed on ${reference}`),
      recorded ? html('p', { class: 'note no-print' }, 'This meeting is recorded on this plan, as below. Recording it again is refused.') : null,
      html(
        'div',
        { class: 'plan-meeting-fields' },
        labelled('Decisions', this.decisions, 'One decision a line.'),
        labelled('Actions agreed', this.actions, 'One action a line; assign each to an agency afterwards to follow it up.'),
      ),
      this.submit,
      this.outcome,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      onRecord(this);
    });
    this.element.addEventListener('input', () => this.writeMinutes());
    if (recorded) {
      this.decisions.value = recorded.decisions.join('\n');
      this.actions.value = recorded.actionsAgreed.join('\n');
      this.recordedWords = JSON.stringify([recorded.decisions, recorded.actionsAgreed]);
    }
    if (draft) {
      this.decisions.value = draft.decisions;
      this.actions.value = draft.actions;
    }
    this.writeMinutes();
  }

  /** The words in the boxes as typed, to carry over a reload of the pack. */
  draft(): PlanDraft {
    return { decisions: this.decisions.value, actions: this.actions.value };
  }

  /** The printed minutes carry the decisions and actions as lists, not as a form, and say whether Casebook has them. */
  private writeMinutes(): void {
    const { decisions, actionsAgreed } = this.discussion();
    const words = JSON.stringify([decisions, actionsAgreed]);
    const list = (heading: string, lines: readonly string[]) => (lines.length ? [html('h3', {}, heading), html('ul', {}, ...lines.map((line) => html('li', {}, line)))] : []);
    const standing = this.recordedWords === null ? 'Not recorded in Casebook.' : this.recordedWords === words ? 'Recorded in Casebook.' : 'Changed since it was recorded in Casebook: the change is not recorded.';
    const said = decisions.length + actionsAgreed.length > 0 ? [html('p', { class: 'minutes-standing' }, standing)] : [];
    this.minutes.replaceChildren(...list('Decisions', decisions), ...list('Actions agreed', actionsAgreed), ...said);
  }

  /** Casebook now holds what the form says. */
  recorded(): void {
    const { decisions, actionsAgreed } = this.discussion();
    this.recordedWords = JSON.stringify([decisions, actionsAgreed]);
    this.writeMinutes();
  }

  discussion(): PlanDiscussion {
    return { decisions: linesOf(this.decisions), actionsAgreed: linesOf(this.actions) };
  }

  clearErrors(): void {
    clearInvalid(this.decisions);
    clearInvalid(this.actions);
  }

  /** `decisions.1` is the second line written; the message names it so. */
  slotFor(path: string): FieldSlot | undefined {
    const match = /^(decisions|actionsAgreed)(?:\.(\d+))?$/.exec(path);
    if (!match) return undefined;
    const box = match[1] === 'decisions' ? this.decisions : this.actions;
    const what = match[1] === 'decisions' ? 'Decisions' : 'Actions agreed';
    return { control: box, after: box, name: match[2] === undefined ? what : `${what}, line ${Number(match[2]) + 1}` };
  }
}

/** At the end: the group's own meeting, so the next pack shows what changed from today. */
export class GroupMeetingForm {
  readonly element: HTMLElement;
  readonly outcome: HTMLElement;
  readonly notes: HTMLTextAreaElement;
  readonly submit: HTMLButtonElement;
  readonly key = new RequestKey();

  constructor(neighbourhood: string, heldOn: string, alreadyRecorded: boolean, notes: string, onRecord: (form: GroupMeetingForm) => void) {
    this.notes = html('textarea', { rows: 4, maxlength: 4000 });
    this.notes.value = notes;
    this.submit = html('button', { type: 'submit', class: 'button' }, 'Record the group’s meeting');
    this.outcome = html('div', { class: 'outcome', role: 'status' });
    const form = html(
      'form',
      { novalidate: true },
      labelled('Notes of the meeting', this.notes, 'Optional. Up to 4,000 characters.'),
      this.submit,
      this.outcome,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      onRecord(this);
    });
    this.element = html(
      'section',
      { class: 'group-meeting no-print', 'aria-labelledby': 'group-meeting-heading' },
      html('h2', { id: 'group-meeting-heading' }, 'Close the meeting'),
      html(
        'p',
        { class: 'lede' },
        `Records that the ${neighbourhood} group met on ${heldOn}, with its chair and those attending, so the next pack shows what changed on each plan after it. Co-ordinators record it.`,
      ),
      alreadyRecorded ? html('p', { class: 'note' }, 'The group’s meeting on this day is already recorded: recording it again is refused.') : null,
      form,
    );
  }

  clearErrors(): void {
    clearInvalid(this.notes);
  }

  slotFor(path: string): FieldSlot | undefined {
    return path === 'notes' ? { control: this.notes, after: this.notes, name: 'Notes of the meeting' } : undefined;
  }
}

