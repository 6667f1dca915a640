/**
 * The co-ordination meeting page: sign in, choose the neighbourhood and the
 * day, walk the group through its pack plan by plan, and record what it
 * agreed. Everything goes through Casebook's GraphQL API with the signed-in
 * person's token, so the page sees exactly what their agency may see.
 */
import { isIsoDay, localToday, longDate } from './calendar.js';
import { CasebookApi, CasebookUnreachable, RequestRefused, SignInNeeded } from './graphql-client.js';
import { AttendancePanel, GroupMeetingForm, PlanMeetingForm, type PlanDraft, showDone, showProblem, showRefusal } from './meeting-form.js';
import { type AgendaPlan, loadMeetingPack, loadPartnership, type MeetingPack, type Partnership, recordGroupMeeting, recordPlanMeeting } from './meeting-pack.js';
import { count, html, required } from './markup.js';
import { renderPack, type RenderedPlan } from './pack-view.js';
import { PlanNavigation } from './plan-navigation.js';
import { type DevelopmentToken, developmentTokenChoice, developmentTokens, forgetToken, rememberedToken, rememberToken, tokenFromPaste } from './sign-in.js';
import { fitBandLabels } from './timeline.js';

/** The API beside the page: /meeting/ -> /graphql, and the same under any path prefix a proxy adds. */
const GRAPHQL_ENDPOINT = new URL('../graphql', window.location.href).toString();

const page = {
  who: required('who', HTMLElement),
  whoName: required('who-name', HTMLElement),
  signOut: required('sign-out', HTMLButtonElement),
  signIn: required('sign-in', HTMLElement),
  signInHeading: required('sign-in-heading', HTMLElement),
  devSignIn: required('dev-sign-in', HTMLFormElement),
  devUser: required('dev-user', HTMLSelectElement),
  tokenSignIn: required('token-sign-in', HTMLFormElement),
  token: required('token', HTMLTextAreaElement),
  signInProblem: required('sign-in-problem', HTMLElement),
  choose: required('choose', HTMLElement),
  chooseForm: required('choose-form', HTMLFormElement),
  neighbourhood: required('neighbourhood', HTMLSelectElement),
  date: required('meeting-date', HTMLInputElement),
  chooseProblem: required('choose-problem', HTMLElement),
  print: required('print-pack', HTMLButtonElement),
  pack: required('pack', HTMLElement),
  nav: required('plan-nav', HTMLElement),
  previous: required('previous-plan', HTMLButtonElement),
  next: required('next-plan', HTMLButtonElement),
  position: required('plan-position', HTMLElement),
  announcer: required('announcer', HTMLElement),
};

interface Session {
  /** Replaced when a sign-in that ended mid-meeting is renewed by the same person: the forms keep what was typed. */
  api: CasebookApi;
  /** The sign-in ended and the page asks for a new one; the pack, drafts and attendance stay as they are. */
  ended: boolean;
  readonly partnership: Partnership;
  /** Who is here: entered once, kept while the pack is reloaded or another is opened, until sign-out. */
  readonly attendance: AttendancePanel;
}

/** The pack on screen, and what has been typed into it: carried over when the same meeting's pack is reloaded. */
interface OnScreen {
  readonly meeting: string;
  readonly forms: ReadonlyMap<string, PlanMeetingForm>;
  readonly group: GroupMeetingForm;
}

let session: Session | null = null;
let onScreen: OnScreen | null = null;
let navigation: PlanNavigation | null = null;
let devTokens: DevelopmentToken[] = [];

function announce(text: string): void {
  // Emptied first, so the same words said twice are said twice.
  page.announcer.textContent = '';
  window.setTimeout(() => (page.announcer.textContent = text), 50);
}

/** The neighbourhood and day in the address, so a reload or a shared link opens the same pack. */
function chosenInAddress(): { neighbourhood: string | null; date: string | null } {
  const params = new URLSearchParams(window.location.search);
  const date = params.get('date');
  return { neighbourhood: params.get('neighbourhood'), date: date && isIsoDay(date) ? date : null };
}

function putInAddress(neighbourhood: string, date: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('neighbourhood', neighbourhood);
  url.searchParams.set('date', date);
  window.history.replaceState(null, '', url);
}

function showSignIn(problem?: string): void {
  session = null;
  onScreen = null;
  navigation?.detach();
  navigation = null;
  page.who.hidden = true;
  page.choose.hidden = true;
  page.nav.hidden = true;
  page.pack.replaceChildren();
  page.signIn.hidden = false;
  page.devSignIn.hidden = devTokens.length === 0;
  if (problem) showProblem(page.signInProblem, problem);
  else page.signInProblem.replaceChildren();
}

/**
 * A sign-in that ends mid-meeting (tokens from an identity provider may last
 * an hour) asks for a new one above the pack, and keeps everything typed: the
 * minutes of a long meeting must not be lost to an expired token.
 */
function askToSignInAgain(problem: string): void {
  if (!session || !onScreen) {
    showSignIn(problem);
    return;
  }
  session.ended = true;
  forgetToken();
  page.signIn.hidden = false;
  page.devSignIn.hidden = devTokens.length === 0;
  showProblem(page.signInProblem, problem);
  page.signIn.scrollIntoView();
  page.signInHeading.focus();
}

async function signIn(token: string): Promise<void> {
  const api = new CasebookApi(GRAPHQL_ENDPOINT, token);
  let partnership: Partnership;
  try {
    partnership = await loadPartnership(api);
  } catch (error) {
    forgetToken();
    if (session?.ended) showProblem(page.signInProblem, error instanceof SignInNeeded ? `That token was not accepted: ${error.message}` : problemWith(error));
    else showSignIn(error instanceof SignInNeeded ? `That token was not accepted: ${error.message}` : problemWith(error));
    return;
  }
  rememberToken(token);
  if (session?.ended && session.partnership.me.userId === partnership.me.userId) {
    // The same person again: the new token serves the pack on screen, with every draft as it was.
    session.api = api;
    session.ended = false;
    page.signIn.hidden = true;
    page.signInProblem.replaceChildren();
    announce('Signed in again. What was typed is kept: press Record again to record it.');
    return;
  }
  if (session?.ended) showSignIn();
  session = { api, ended: false, partnership, attendance: new AttendancePanel(partnership.agencies, partnership.me) };
  const { me } = partnership;
  page.whoName.textContent = `${me.name} · ${me.agency.id} ${me.roles.join(', ')}`;
  page.whoName.title = me.agency.name;
  page.who.hidden = false;
  page.signIn.hidden = true;
  page.signInProblem.replaceChildren();
  page.choose.hidden = false;
  page.neighbourhood.replaceChildren(...partnership.neighbourhoods.map((n) => html('option', { value: n.neighbourhoodId }, n.name)));
  const chosen = chosenInAddress();
  if (chosen.neighbourhood && partnership.neighbourhoods.some((n) => n.neighbourhoodId === chosen.neighbourhood)) page.neighbourhood.value = chosen.neighbourhood;
  page.date.value = chosen.date ?? localToday();
  if (chosen.neighbourhood && chosen.date) await openPack();
  else page.neighbourhood.focus();
}

function problemWith(error: unknown): string {
  if (error instanceof CasebookUnreachable || error instanceof SignInNeeded) return error.message;
  if (error instanceof RequestRefused) return `Casebook refused the request: ${error.message}${error.correlationId ? ` (correlation id ${error.correlationId})` : ''}`;
  return `Something went wrong on this page: ${error instanceof Error ? error.message : String(error)}`;
}

/** A request that failed as a whole: signed out, unreachable, refused. */
function failed(error: unknown, box: HTMLElement, unsure: boolean): void {
  if (error instanceof SignInNeeded) {
    askToSignInAgain(`Your sign-in has ended (${error.message}). Sign in again: nothing was recorded, and what was typed is kept.`);
    return;
  }
  if (error instanceof CasebookUnreachable && unsure) {
    showProblem(box, `${error.message} It may or may not have been recorded: press the button again, and it is recorded once.`);
    return;
  }
  showProblem(box, problemWith(error));
}

/**
 * `returnTo`: the plan to show once the pack is open again (a reload from that
 * plan's form), else the overview. `which`: the pack to open (a reload opens
 * the pack on screen, whatever the pickers were changed to since); else the
 * pickers' choice.
 */
async function openPack(returnTo?: string, which?: { readonly neighbourhoodId: string; readonly date: string }): Promise<void> {
  if (!session) return;
  const neighbourhoodId = which?.neighbourhoodId ?? page.neighbourhood.value;
  const date = which?.date ?? page.date.value;
  page.chooseProblem.replaceChildren();
  if (!neighbourhoodId) {
    showProblem(page.chooseProblem, 'Choose a neighbourhood.');
    return;
  }
  if (!isIsoDay(date)) {
    showProblem(page.chooseProblem, 'Give the meeting’s date.');
    page.date.focus();
    return;
  }
  putInAddress(neighbourhoodId, date);
  page.pack.setAttribute('aria-busy', 'true');
  let pack: MeetingPack | null;
  try {
    pack = await loadMeetingPack(session.api, neighbourhoodId, date);
  } catch (error) {
    page.pack.removeAttribute('aria-busy');
    failed(error, page.chooseProblem, false);
    return;
  }
  page.pack.removeAttribute('aria-busy');
  if (!pack) {
    showProblem(page.chooseProblem, 'Casebook has no such neighbourhood: choose another.');
    return;
  }
  showPack(session, pack, returnTo);
}

function showPack(current: Session, pack: MeetingPack, returnTo?: string): void {
  navigation?.detach();
  const today = localToday();
  const meeting = `${pack.neighbourhood.neighbourhoodId}/${pack.date}`;
  const before = onScreen?.meeting === meeting ? onScreen : null;
  const rendered = renderPack({ pack, agencies: current.partnership.agencies, today });
  const { attendance } = current;
  attendance.clearErrors();
  rendered.attendanceSlot.append(attendance.element);
  const meetingId = `coordination-${pack.date}`;
  const heldOn = longDate(pack.date);
  const forms = new Map<string, PlanMeetingForm>();
  pack.plans.forEach((item, i) => {
    forms.set(item.plan.reference, attachPlanForm(current, pack, item, rendered.plans[i]!, meetingId, before?.forms.get(item.plan.reference)?.draft() ?? null));
  });

  const group = new GroupMeetingForm(pack.neighbourhood.name, heldOn, pack.neighbourhood.meetings.some((m) => m.meetingId === pack.date), before?.group.notes.value ?? '', (form) => {
    void recordGroup(current, pack, form);
  });
  rendered.closingSlot.append(group.element);
  onScreen = { meeting, forms, group };

  page.pack.replaceChildren(rendered.root);
  page.choose.classList.add('choose--compact');
  page.print.hidden = false;
  document.title = `${pack.neighbourhood.name}, ${heldOn}: co-ordination meeting · Casebook`;

  navigation = new PlanNavigation(
    rendered.plans.map((p) => p.stop),
    rendered.cover,
    announce,
    (index, total) => {
      const stop = rendered.plans[index]?.stop;
      page.position.textContent = stop ? `Plan ${index + 1} of ${total}: ${stop.name}` : `Overview: ${count(total, 'plan')}`;
      page.previous.disabled = index < 0;
      page.next.disabled = index >= total - 1;
    },
  );
  navigation.attach();
  page.nav.hidden = pack.plans.length === 0;
  for (const plan of rendered.plans) {
    plan.stop.row.addEventListener('click', (event) => {
      event.preventDefault();
      navigation?.goTo(rendered.plans.indexOf(plan));
    });
  }
  window.requestAnimationFrame(() => fitBandLabels(page.pack));
  announce(`Meeting pack for ${pack.neighbourhood.name}, ${heldOn}: ${count(pack.plans.length, 'plan')}.`);
  const back = returnTo === undefined ? -1 : pack.plans.findIndex((p) => p.plan.reference === returnTo);
  if (back >= 0) navigation.goTo(back);
  else rendered.cover.focus();
}

function attachPlanForm(current: Session, pack: MeetingPack, item: AgendaPlan, rendered: RenderedPlan, meetingId: string, draft: PlanDraft | null): PlanMeetingForm {
  const { attendance } = current;
  let plan = item.plan;
  const recorded = plan.meetings.find((m) => m.meetingId === meetingId) ?? null;
  const form = new PlanMeetingForm(
    plan.reference,
    recorded,
    draft,
    async (f) => {
      attendance.clearErrors();
      f.clearErrors();
      const { chair, attendees } = attendance.current();
      const { decisions, actionsAgreed } = f.discussion();
      const idempotencyKey = f.key.for(JSON.stringify([chair, attendees, decisions, actionsAgreed]));
      f.submit.disabled = true;
      f.element.setAttribute('aria-busy', 'true');
      try {
        const outcome = await recordPlanMeeting(current.api, {
          planId: plan.id,
          expectedRevision: plan.revision,
          meetingId,
          heldOn: pack.date,
          chair,
          attendees,
          decisions,
          actionsAgreed,
          idempotencyKey,
        });
        if (outcome.kind === 'done') {
          plan = outcome.payload.record;
          f.recorded();
          rendered.redraw(plan);
          window.requestAnimationFrame(() => fitBandLabels(rendered.stop.article));
          showDone(
            f.outcome,
            outcome.payload.deduplicated
              ? `Already recorded on ${plan.reference}: this same record was made before, and nothing new was written.`
              : `Recorded on ${plan.reference}: ${count(decisions.length, 'decision')}, ${count(actionsAgreed.length, 'action')} agreed, ${count(attendees.length, 'person', 'people')} attending, chaired by ${chair}.`,
          );
        } else {
          showRefusal(f.outcome, outcome, { what: plan.reference, slotFor: (path) => attendance.slotFor(path) ?? f.slotFor(path), reload: () => void openPack(plan.reference, { neighbourhoodId: pack.neighbourhood.neighbourhoodId, date: pack.date }) });
        }
      } catch (error) {
        failed(error, f.outcome, true);
      } finally {
        f.submit.disabled = false;
        f.element.removeAttribute('aria-busy');
      }
    },
  );
  rendered.formSlot.append(form.element);
  return form;
}

async function recordGroup(current: Session, pack: MeetingPack, form: GroupMeetingForm): Promise<void> {
  const { attendance } = current;
  attendance.clearErrors();
  form.clearErrors();
  const { chair, attendees } = attendance.current();
  const notes = form.notes.value.trim();
  form.submit.disabled = true;
  try {
    const outcome = await recordGroupMeeting(current.api, {
      neighbourhoodId: pack.neighbourhood.neighbourhoodId,
      meetingId: pack.date,
      heldOn: pack.date,
      chair,
      attendees,
      ...(notes ? { notes } : {}),
      idempotencyKey: form.key.for(JSON.stringify([chair, attendees, notes])),
    });
    if (outcome.kind === 'done') {
      showDone(
        form.outcome,
        outcome.payload.deduplicated
          ? 'Already recorded: this same record was made before, and nothing new was written.'
          : `The ${pack.neighbourhood.name} group’s meeting of ${longDate(pack.date)} is recorded. The next pack shows what changes after it.`,
      );
    } else {
      showRefusal(form.outcome, outcome, { what: `the ${pack.neighbourhood.name} group`, slotFor: (path) => attendance.slotFor(path) ?? form.slotFor(path), reload: () => void openPack(undefined, { neighbourhoodId: pack.neighbourhood.neighbourhoodId, date: pack.date }) });
    }
  } catch (error) {
    failed(error, form.outcome, true);
  } finally {
    form.submit.disabled = false;
  }
}

function wire(): void {
  page.devSignIn.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = devTokens[Number(page.devUser.value)];
    if (chosen) void signIn(chosen.token);
  });
  page.tokenSignIn.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenFromPaste(page.token.value);
    if (!token) {
      showProblem(page.signInProblem, 'Paste your token first.');
      page.token.focus();
      return;
    }
    page.token.value = '';
    void signIn(token);
  });
  page.signOut.addEventListener('click', () => {
    forgetToken();
    window.history.replaceState(null, '', window.location.pathname);
    showSignIn();
    announce('Signed out.');
  });
  page.chooseForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void openPack();
  });
  page.print.addEventListener('click', () => window.print());
  page.previous.addEventListener('click', () => navigation?.previous());
  page.next.addEventListener('click', () => navigation?.next());
  // Stage names are fitted to their bands as laid out: again for a new width, and for the printed page.
  new ResizeObserver(() => fitBandLabels(page.pack)).observe(page.pack);
  window.addEventListener('beforeprint', () => fitBandLabels(page.pack));
  window.addEventListener('afterprint', () => fitBandLabels(page.pack));
}

async function start(): Promise<void> {
  wire();
  devTokens = await developmentTokens();
  page.devUser.replaceChildren(...developmentTokenChoice(devTokens));
  const token = rememberedToken();
  if (token) await signIn(token);
  else showSignIn();
}

void start();
