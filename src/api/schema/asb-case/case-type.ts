/**
 * The `AsbCase` node: an anti-social behaviour case with its incidents,
 * victims, witnesses and subjects, the shared risk assessment, interventions,
 * referrals and case reviews, as the cases read model holds it. The people's
 * personal details go only to the agencies on the case, and to auditors.
 *
 * The closed lists of the domain are GraphQL enums here, exported for the
 * case mutations' inputs: one enum per list, so that what a partner sends
 * and what it reads back are the same values.
 */
import {
  type CaseReviewProcedure,
  type Complaint,
  type ComplaintJudgement,
  type ComplaintStanding,
  judgeCaseReviewThreshold,
  reviewToBeHeld,
  type RouteJudgement,
  type ThresholdJudgement,
  type ThresholdRoute,
} from '../../../domain/asb-case/case-review.js';
import type { IncidentReport, Place, ReferralService, Satisfaction, ThresholdBasis } from '../../../domain/asb-case/commands.js';
import { type AgencyKind, type Breach, type InterventionKind, lastDayInForce, type PoliceRank } from '../../../domain/asb-case/interventions.js';
import { type AgeBand, isChild, type PersonalDetails } from '../../../domain/asb-case/personal-data.js';
import {
  currentAssessment,
  isRiskReviewOverdue,
  type PersonFlag,
  type RiskAssessment,
  type RiskFactor,
  type RiskReview,
  reviewDueOn,
  riskQuestionnaire,
  riskReviewsDue,
  type VictimRiskLevel,
} from '../../../domain/asb-case/risk-assessment.js';
import { type CaseAlert, type CaseReview, type CaseReviewHearing, type Closure, type Flag, type Incident, type RecordedIntervention, type Referral, retentionRecordOf, type Subject, type Victim, type Witness } from '../../../domain/asb-case/state.js';
import { mopiReviewDueOf } from '../../../domain/shared/retention.js';
import type { DisclosedRole } from '../../../domain/disclosure/ledger.js';
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import { agenciesOnCaseView } from '../../access-policy.js';
import type { GraphQLContext } from '../../context.js';
import { ActionRef } from '../action/action-type.js';
import { builder, type CasebookTypes } from '../builder.js';
import { PlanRef, RetentionReviewType } from '../plan/plan-type.js';
import { type PersonalDataStatus, PersonalDataStatusEnum } from '../personal-data-status.js';
import { actionsBeside, dayFor, liveViewOf, planBeside } from '../records/as-of-view.js';

type Types = PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>;

/** A GraphQL name for a domain value: `rowdy-or-inconsiderate-behaviour` is `rowdy_or_inconsiderate_behaviour`, `10-15` is `aged_10_15`. */
function graphqlName(value: string): string {
  const name = value.replaceAll('-', '_');
  return /^\d/.test(name) ? `aged_${name}` : name;
}

/** An enum whose values are the domain's own strings, each described; the record's type makes every value of the list need one. */
function domainEnum<V extends string>(name: string, description: string, values: Record<V, string>): PothosSchemaTypes.EnumRef<Types, V> {
  const config = Object.fromEntries(Object.entries<string>(values).map(([value, text]) => [graphqlName(value), { value, description: text }]));
  return builder.enumType(name, { description, values: config }) as unknown as PothosSchemaTypes.EnumRef<Types, V>;
}

export const AsbCaseStatusEnum = domainEnum<'open' | 'closed'>('AsbCaseStatus', 'Whether the case is open or closed. A closed case may be reopened, with a reason.', {
  open: 'Open: being worked.',
  closed: 'Closed with an outcome and each victim’s satisfaction recorded.',
});

export const VictimRiskLevelEnum = domainEnum<VictimRiskLevel>('VictimRiskLevel', 'A victim’s risk level on the shared questionnaire: the score gives it, professional judgement may raise it.', {
  standard: 'Standard risk: no supervisory review cadence.',
  medium: 'Medium risk: reviewed on the partnership’s medium cadence, with a single point of contact.',
  high: 'High risk: alerts every agency on the case, reviewed on the partnership’s high cadence.',
});

export const IncidentCategoryEnum = domainEnum<'personal' | 'nuisance' | 'environmental'>(
  'IncidentCategory',
  'The category of the National Standard for Incident Recording: aimed at a person, at a community, or at the environment.',
  {
    personal: 'Aimed at a person or group rather than the community at large.',
    nuisance: 'Causing trouble, annoyance or suffering to a community.',
    environmental: 'Affecting the environment: public spaces, buildings, the street scene.',
  },
);

export const IncidentKindEnum = domainEnum<
  | 'noise'
  | 'rowdy-or-inconsiderate-behaviour'
  | 'intimidation-or-harassment'
  | 'criminal-damage-or-vandalism'
  | 'fireworks'
  | 'vehicle-nuisance'
  | 'drugs'
  | 'street-drinking'
  | 'begging'
  | 'littering-or-fly-tipping'
  | 'animal-nuisance'
  | 'neighbour-dispute'
  | 'other'
>('IncidentKind', 'What kind of behaviour the incident was.', {
  noise: 'Noise.',
  'rowdy-or-inconsiderate-behaviour': 'Rowdy or inconsiderate behaviour.',
  'intimidation-or-harassment': 'Intimidation or harassment.',
  'criminal-damage-or-vandalism': 'Criminal damage or vandalism.',
  fireworks: 'Misuse of fireworks.',
  'vehicle-nuisance': 'Vehicle nuisance: off-road bikes, racing, abandoned vehicles.',
  drugs: 'Drug use or dealing.',
  'street-drinking': 'Street drinking.',
  begging: 'Begging.',
  'littering-or-fly-tipping': 'Littering or fly-tipping.',
  'animal-nuisance': 'Animal nuisance: dangerous or out-of-control dogs, fouling.',
  'neighbour-dispute': 'A dispute between neighbours.',
  other: 'Anything else.',
});

export const HateStrandEnum = domainEnum<'race' | 'religion' | 'disability' | 'sexual-orientation' | 'transgender-identity' | 'other'>(
  'HateStrand',
  'A strand of hostility forces monitor; any one makes an incident hate-motivated.',
  {
    race: 'Race.',
    religion: 'Religion or belief.',
    disability: 'Disability.',
    'sexual-orientation': 'Sexual orientation.',
    'transgender-identity': 'Transgender identity.',
    other: 'Another hostility.',
  },
);

export const ReporterKindEnum = domainEnum<'person' | 'agency-staff' | 'anonymous'>('ReporterKind', 'Who made a report of an incident.', {
  person: 'A victim or witness on the case (named by `reporterPersonId`): a complaint from the community.',
  'agency-staff': 'A member of an agency’s staff (a patrol, a housing officer): not a complaint from the community.',
  anonymous: 'Someone who would not say who they are: still a complaint.',
});

export const PersonFlagEnum = domainEnum<PersonFlag>('PersonFlag', 'A flag on a victim or witness; either raises an alert to every agency on the case.', {
  vulnerable: 'Vulnerable.',
  intimidated: 'Intimidated.',
});

export const AgeBandEnum = domainEnum<AgeBand>('AgeBand', 'The age bands the 2014 Act’s limits cut (10, 16, 18): whether a child is involved, without the date of birth.', {
  'under-10': 'Under 10.',
  '10-15': 'Aged 10 to 15.',
  '16-17': 'Aged 16 or 17.',
  '18-plus': 'Aged 18 or more.',
  unknown: 'Not known: no date of birth and no estimate.',
});

export const RiskFactorEnum = domainEnum<RiskFactor>('RiskFactor', 'What a risk question looks at (the “Focus on the Victim” matrix).', {
  harm: 'The incident’s own harm: persistence, repeats, hate, threats, impact on health and daily life, children, fear of reprisal.',
  'personal-vulnerability': 'The victim’s personal vulnerability: illness, disability.',
  'situational-vulnerability': 'The victim’s situation: isolation, a stressed neighbourhood, earlier reports unresolved.',
});

export const InterventionKindEnum = domainEnum<InterventionKind>('InterventionKind', 'An intervention on the usual escalation ladder, lightest first.', {
  'verbal-warning': 'A verbal warning.',
  'warning-letter': 'A warning letter.',
  mediation: 'Mediation.',
  'acceptable-behaviour-contract': 'An acceptable behaviour contract.',
  'parenting-contract': 'A parenting contract.',
  'community-protection-warning': 'A Community Protection Warning: the written warning a CPN needs first.',
  'community-protection-notice': 'A Community Protection Notice (2014 Act, s.43): after a written warning, to a person aged 16 or more, by the police, the council or a designated landlord.',
  'fixed-penalty-notice': 'A fixed penalty notice.',
  'civil-injunction': 'A civil injunction (s.1): a respondent aged 10 or more; at most 12 months for one under 18.',
  'criminal-behaviour-order': 'A Criminal Behaviour Order (s.22): made on a conviction.',
  'closure-notice': 'A closure notice (s.76): 48 hours at most.',
  'closure-order': 'A closure order (s.80): 3 months at most.',
  'dispersal-direction': 'A dispersal direction (s.35): 48 hours at most, on an inspector’s authorisation.',
  'public-spaces-protection-order': 'A Public Spaces Protection Order (s.59): the council’s, for 3 years at most.',
});

export const AgencyKindEnum = domainEnum<AgencyKind>('AgencyKind', 'What kind of body the issuing agency is, as far as the 2014 Act’s powers go.', {
  police: 'The police.',
  council: 'The local council.',
  'designated-landlord': 'A social landlord the council has designated to issue community protection notices (s.53).',
  'housing-provider': 'A housing provider not so designated.',
  'fire-and-rescue': 'Fire and rescue.',
  'youth-services': 'Youth services.',
  health: 'Health.',
  probation: 'Probation.',
  education: 'A school or college.',
  'third-sector': 'A voluntary or community organisation.',
  other: 'Any other body.',
});

export const PoliceRankEnum = domainEnum<PoliceRank>('PoliceRank', 'A police rank, for the authorisations the Act asks of one.', {
  constable: 'Constable.',
  sergeant: 'Sergeant.',
  inspector: 'Inspector.',
  'chief-inspector': 'Chief inspector.',
  superintendent: 'Superintendent.',
  'chief-superintendent': 'Chief superintendent.',
  'chief-officer': 'A chief officer.',
});

export const ReferralServiceEnum = domainEnum<ReferralService>('ReferralService', 'A service a victim, witness or subject is referred to.', {
  marac: 'MARAC, the multi-agency risk assessment conference.',
  'victim-support': 'Victim support services.',
  'family-intervention': 'Family intervention.',
  mediation: 'Mediation.',
  'youth-services': 'Youth services.',
  'mental-health': 'Mental health services.',
});

export const CaseReviewApplicantEnum = domainEnum<'victim' | 'representative'>('CaseReviewApplicant', 'Who made an application for a case review.', {
  victim: 'The victim.',
  representative: 'Someone on the victim’s behalf, with their consent.',
});

export const RepresentativeEnum = domainEnum<'family' | 'friend' | 'carer' | 'councillor' | 'mp' | 'professional' | 'other'>(
  'CaseReviewRepresentative',
  'Who applied on a victim’s behalf: the statutory guidance’s list.',
  { family: 'A member of the family.', friend: 'A friend.', carer: 'A carer.', councillor: 'A councillor.', mp: 'A Member of Parliament.', professional: 'A professional.', other: 'Someone else.' },
);

export const ThresholdRouteEnum = domainEnum<ThresholdRoute>('CaseReviewThresholdRoute', 'A route by which the case review threshold is met: the Act’s, or a local procedure’s.', {
  'qualifying-complaints': 'The Act’s: three qualifying complaints about separate incidents (or the lower number the procedure sets).',
  'individuals-or-households': 'Local: so many individuals or households complaining about the problem within six months.',
  'hate-incident': 'Local: a hate incident complained of.',
  'linked-location': 'Local: so many incidents at one linked location, reported by more than one person.',
});

export const ThresholdBasisEnum = domainEnum<ThresholdBasis>('CaseReviewThresholdBasis', 'The basis on which the relevant bodies decided the threshold met.', {
  'qualifying-complaints': 'The Act’s qualifying complaints.',
  'individuals-or-households': 'The local route of individuals or households.',
  'hate-incident': 'The local route of a hate incident.',
  'linked-location': 'The local route of a linked location.',
  'persistence-harm-response': 'The procedure’s judgement of persistence, harm and the adequacy of the response (s.104(5)).',
});

export const ComplaintStandingEnum = domainEnum<ComplaintStanding>('ComplaintStanding', 'How one complaint stands for the case review threshold.', {
  counted: 'A qualifying complaint about its incident: it counts.',
  'same-incident': 'Qualifies, but its incident was already counted by another complaint: one incident reported to several agencies counts once.',
  'made-before-behaviour': 'Made before the behaviour it is about: a date is wrong.',
  'not-within-a-month-of-behaviour': 'Made after the month beginning with the behaviour: it does not qualify.',
  'made-after-application': 'Made after the application.',
  'application-over-six-months-later': 'The application came after the six months beginning with the complaint.',
});

export const AppealAgainstEnum = domainEnum<'decision' | 'outcome'>('CaseReviewAppealAgainst', 'What an appeal is against.', {
  decision: 'The decision that the threshold was not met.',
  outcome: 'The outcome of the review meeting.',
});

export const CaseOutcomeEnum = domainEnum<'resolved' | 'improved' | 'unresolved' | 'victim-withdrew' | 'transferred' | 'no-further-action'>('AsbCaseOutcome', 'How a case ended.', {
  resolved: 'The behaviour stopped.',
  improved: 'The behaviour lessened.',
  unresolved: 'The behaviour goes on.',
  'victim-withdrew': 'The victim withdrew.',
  transferred: 'Handed to another agency or process.',
  'no-further-action': 'No further action.',
});

export const SatisfactionEnum = domainEnum<Satisfaction>('VictimSatisfaction', 'A victim’s satisfaction with how the case was handled, asked when it closes.', {
  'very-satisfied': 'Very satisfied.',
  satisfied: 'Satisfied.',
  neither: 'Neither satisfied nor dissatisfied.',
  dissatisfied: 'Dissatisfied.',
  'very-dissatisfied': 'Very dissatisfied.',
  'declined-to-say': 'Declined to say.',
  'not-contactable': 'Could not be reached.',
});

export const AlertReasonEnum = domainEnum<CaseAlert['reason']>('AlertReason', 'Why an alert was raised to every agency on the case.', {
  'assessed-high': 'A victim was assessed high risk (every high assessment alerts, a reassessment too).',
  vulnerable: 'A victim or witness was flagged vulnerable.',
  intimidated: 'A victim or witness was flagged intimidated.',
});

export const CasePersonRoleEnum = domainEnum<CaseAlert['role']>('AlertedPersonRole', 'The part on the case of the person an alert is about.', {
  victim: 'A victim.',
  witness: 'A witness.',
});

/** Something on a case, served with the case: who may read its personal data is decided by the case. */
export interface OnCase<T> {
  readonly view: AsbCaseView;
  readonly item: T;
}

const onCase =
  (view: AsbCaseView) =>
  <T>(item: T): OnCase<T> => ({ view, item });

export const PersonalDetailsType = builder.objectRef<PersonalDetails>('PersonalDetails').implement({
  description: 'Who a person on a case is and how to reach them: personal data, served only to the agencies on the case and to auditors.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Their name.' }),
    dateOfBirth: t.field({ type: 'Date', nullable: true, description: 'Their date of birth; null if not recorded.', resolve: (d) => d.dateOfBirth ?? null }),
    address: t.string({ nullable: true, description: 'Their address; null if not recorded.', resolve: (d) => d.address ?? null }),
    phone: t.string({ nullable: true, description: 'Their telephone number; null if not recorded.', resolve: (d) => d.phone ?? null }),
    email: t.string({ nullable: true, description: 'Their email address; null if not recorded.', resolve: (d) => d.email ?? null }),
    contactNote: t.string({ nullable: true, description: 'How and when they want to be contacted (a safe time, an interpreter); null if not recorded.', resolve: (d) => d.contactNote ?? null }),
  }),
});

/** The fields of a person's details that are held, as the disclosure ledger names them. */
export function detailsFieldsOf(details: PersonalDetails): string[] {
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

/**
 * Personal data of a person on a case, released once its read is recorded:
 * the one way every resolver serving a person's details or household key
 * (the case's people, the risk register, repeat victims, history) hands it
 * out. A read by an agency other than the case's owner, or by an auditor, is
 * written to the disclosure ledger first; if it cannot be, the field fails
 * and the data is not released.
 */
export async function releasePersonalData<T>(ctx: GraphQLContext, view: AsbCaseView, personId: string, role: DisclosedRole, fields: readonly string[], data: T): Promise<T> {
  if (data !== null && data !== undefined) await ctx.records.disclose(liveViewOf(view), personId, role, fields);
  return data;
}

/**
 * The need-to-know fields of a person on a case, for any type that serves
 * one: the details and household key only to the agencies on the case and
 * to auditors (scope-auth, so a resolver cannot forget), null for anyone else;
 * each read recorded in the disclosure ledger (`releasePersonalData`).
 */
export function personalDataFields<P extends { readonly view: AsbCaseView }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, P>,
  role: DisclosedRole,
  personOf: (parent: P) => { readonly personId: string; readonly householdKey?: string | undefined },
) {
  return {
    householdKey: t.string({
      nullable: true,
      description: 'The key of their household (a UPRN, say), which repeat victims and case reviews are matched on; null if none, or when the caller’s agency is not on the case (personal data). A read by an agency other than the case’s owner, or by an auditor, is recorded in the disclosure ledger before it is served.',
      authScopes: (p: P) => ({ personalDataOnCase: liveViewOf(p.view) }),
      unauthorizedResolver: () => null,
      resolve: (p: P, _a: unknown, ctx: GraphQLContext) => {
        const person = personOf(p);
        if (!ctx.records.readsPersonOnCase(liveViewOf(p.view), person.personId)) return null;
        return releasePersonalData(ctx, p.view, person.personId, role, ['householdKey'], person.householdKey ?? null);
      },
    }),
    details: t.field({
      type: PersonalDetailsType,
      nullable: true,
      description:
        'Their name, date of birth, address and contact: null unless the caller’s agency is on the case or the caller is an auditor (need-to-know), or when nothing is held. A read by an agency other than the case’s owner, or by an auditor, is recorded in the disclosure ledger before the details are served.',
      authScopes: (p: P) => ({ personalDataOnCase: liveViewOf(p.view) }),
      unauthorizedResolver: () => null,
      resolve: (p: P, _a: unknown, ctx: GraphQLContext) => {
        const { personId } = personOf(p);
        if (!ctx.records.readsPersonOnCase(liveViewOf(p.view), personId)) return null;
        const details = p.view.asbCase.people.get(personId) ?? null;
        return releasePersonalData(ctx, p.view, personId, role, details ? detailsFieldsOf(details) : [], details);
      },
    }),
    personalDataWithheld: t.boolean({
      description: 'True when their details and household key are withheld from the caller: its agency is not on the case (need-to-know), or their data is restricted and the caller is not an auditor.',
      resolve: (p: P, _a: unknown, ctx: GraphQLContext) => !ctx.records.readsPersonOnCase(liveViewOf(p.view), personOf(p).personId),
    }),
    personalData: t.field({
      type: PersonalDataStatusEnum,
      description: 'Where their personal data stands for the caller: `shown`, `withheld` (need-to-know), `restricted` (kept as evidence: auditors only) or `erased` (for good).',
      resolve: (p: P, _a: unknown, ctx: GraphQLContext) => personalDataStatusOf(ctx, p.view, personOf(p).personId),
    }),
  };
}


/** Need-to-know first (an outsider learns nothing of a person's standing), then erased, restricted or shown. */
export function personalDataStatusOf(ctx: GraphQLContext, view: AsbCaseView, personId: string): PersonalDataStatus {
  if (!ctx.records.readsPersonalDataOnCase(liveViewOf(view))) return 'withheld';
  // The read model (and any past view, read from the store) holds an erased person's details as null.
  if (view.asbCase.people.get(personId) === null) return 'erased';
  if (ctx.records.isRestricted(personId)) return 'restricted';
  return 'shown';
}

const PlaceType = builder.objectRef<Place>('CasePlace').implement({
  description: 'A place, in words, and keyed when it is one of the partnership’s known locations.',
  fields: (t) => ({
    description: t.exposeString('description', { description: 'The place, in words.' }),
    locationKey: t.string({ nullable: true, description: 'The key of a known location, which links incidents there (a case review’s linked-location route); null if not keyed.', resolve: (p) => p.locationKey ?? null }),
  }),
});

const CasePartnerType = builder.objectRef<{ agencyId: string; reason: string | null }>('AsbCasePartner').implement({
  description: 'An agency added to the case as a partner.',
  fields: (t) => ({
    agencyId: t.exposeString('agencyId', { description: 'The agency.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was added; null if no reason was given.' }),
  }),
});

const IncidentReportType = builder.objectRef<IncidentReport>('IncidentReport').implement({
  description: 'One report of an incident: by whom, to which agency, when. Reports of one incident to several agencies are still one incident.',
  fields: (t) => ({
    reporterKind: t.field({ type: ReporterKindEnum, description: 'Who reported it.', resolve: (r) => r.reporter.kind }),
    reporterPersonId: t.string({ nullable: true, description: 'The victim or witness who reported it, by person id; null unless `reporterKind` is person.', resolve: (r) => (r.reporter.kind === 'person' ? r.reporter.personId : null) }),
    reporterAgencyId: t.string({ nullable: true, description: 'The agency whose staff reported it; null unless `reporterKind` is agency_staff.', resolve: (r) => (r.reporter.kind === 'agency-staff' ? r.reporter.agencyId : null) }),
    receivedBy: t.exposeString('receivedBy', { description: 'The agency the report was made to.' }),
    reportedOn: t.field({ type: 'Date', description: 'The day it was reported.', resolve: (r) => r.reportedOn }),
    agencyReference: t.string({ nullable: true, description: 'The receiving agency’s own reference (a police log number); null if none.', resolve: (r) => r.agencyReference ?? null }),
  }),
});

const IncidentType = builder.objectRef<Incident>('Incident').implement({
  description: 'An incident on the case: when, where, what, and every report of it.',
  fields: (t) => ({
    incidentId: t.exposeString('incidentId', { description: 'Its id on this case, e.g. `inc-1`.' }),
    occurredOn: t.field({ type: 'Date', description: 'The day it happened.', resolve: (i) => i.occurredOn }),
    time: t.string({ nullable: true, description: 'The time it happened, HH:MM; null if not known.', resolve: (i) => i.time ?? null }),
    where: t.field({ type: PlaceType, description: 'Where it happened.', resolve: (i) => i.where }),
    category: t.field({ type: IncidentCategoryEnum, description: 'Its National Standard for Incident Recording category.', resolve: (i) => i.category }),
    kind: t.field({ type: IncidentKindEnum, description: 'What kind of behaviour it was.', resolve: (i) => i.kind }),
    description: t.exposeString('description', { description: 'What happened.' }),
    hateMotivation: t.field({ type: [HateStrandEnum], description: 'The strands of hostility it was motivated by; empty if none.', resolve: (i) => [...i.hateMotivation] }),
    hateMotivated: t.boolean({ description: 'True when any strand of hostility motivated it.', resolve: (i) => i.hateMotivation.length > 0 }),
    subjectPersonIds: t.stringList({ description: 'The subjects of the case named in it, by person id.', resolve: (i) => [...i.subjectPersonIds] }),
    reports: t.field({ type: [IncidentReportType], description: 'Every report of it, in the order recorded.', resolve: (i) => [...i.reports] }),
  }),
});

const FlagType = builder.objectRef<Flag>('PersonFlagRecord').implement({
  description: 'A flag on a victim or witness, with why and when.',
  fields: (t) => ({
    flag: t.field({ type: PersonFlagEnum, description: 'The flag.', resolve: (f) => f.flag }),
    reason: t.exposeString('reason', { description: 'Why they were flagged.' }),
    flaggedOn: t.field({ type: 'Date', description: 'The day they were flagged.', resolve: (f) => f.flaggedOn }),
  }),
});

const RiskAnswerType = builder.objectRef<{ questionId: string; answer: boolean; questionnaireVersion: string }>('RiskAnswer').implement({
  description: 'One answer of a risk assessment, with the question as the questionnaire version it used put it.',
  fields: (t) => {
    const question = (a: { questionId: string; questionnaireVersion: string }) => riskQuestionnaire(a.questionnaireVersion)?.questions.find((q) => q.id === a.questionId) ?? null;
    return {
      questionId: t.exposeString('questionId', { description: 'The question’s id in its questionnaire, e.g. `repeat-targeting`.' }),
      answer: t.exposeBoolean('answer', { description: 'Yes (true) or no (false).' }),
      question: t.string({ nullable: true, description: 'The question as asked; null if its questionnaire version is not known to this server.', resolve: (a) => question(a)?.text ?? null }),
      factor: t.field({ type: RiskFactorEnum, nullable: true, description: 'What the question looks at; null if its version is not known.', resolve: (a) => question(a)?.factor ?? null }),
      weight: t.int({ nullable: true, description: 'What a yes adds to the score; null if its version is not known.', resolve: (a) => question(a)?.weight ?? null }),
    };
  },
});

const RiskJudgementType = builder.objectRef<{ raiseTo: VictimRiskLevel; reason: string }>('RiskJudgement').implement({
  description: 'Professional judgement raising the level the score gave (never lowering it), with why.',
  fields: (t) => ({
    raiseTo: t.field({ type: VictimRiskLevelEnum, description: 'The level it was raised to.', resolve: (j) => j.raiseTo }),
    reason: t.exposeString('reason', { description: 'Why.' }),
  }),
});

const RiskAssessmentType = builder.objectRef<RiskAssessment>('VictimRiskAssessment').implement({
  description: 'One assessment on the shared questionnaire: the version used, its answers, the score and the level.',
  fields: (t) => ({
    questionnaireVersion: t.exposeString('questionnaireVersion', { description: 'The questionnaire version it used, e.g. `asb-risk-1`: it reads the same after the questions change.' }),
    answers: t.field({
      type: [RiskAnswerType],
      description: 'Every answer, in the questionnaire’s order where the version is known.',
      resolve: (a) => {
        const order = riskQuestionnaire(a.questionnaireVersion)?.questions.map((q) => q.id) ?? [];
        const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
        return Object.entries(a.answers)
          .sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y))
          .map(([questionId, answer]) => ({ questionId, answer, questionnaireVersion: a.questionnaireVersion }));
      },
    }),
    score: t.exposeInt('score', { description: 'The total of the weights of the questions answered yes.' }),
    scoredLevel: t.field({ type: VictimRiskLevelEnum, description: 'The level the score gives by the questionnaire’s thresholds.', resolve: (a) => a.scoredLevel }),
    level: t.field({ type: VictimRiskLevelEnum, description: 'The level assessed: the scored level, or higher by professional judgement.', resolve: (a) => a.level }),
    judgement: t.field({ type: RiskJudgementType, nullable: true, description: 'The professional judgement that raised the level; null if none.', resolve: (a) => (a.judgement ? { raiseTo: a.judgement.raiseTo, reason: a.judgement.reason } : null) }),
    assessedOn: t.field({ type: 'Date', description: 'The day of the assessment.', resolve: (a) => a.assessedOn }),
    assessor: t.exposeString('assessor', { description: 'Who assessed, by the name their token gave.' }),
  }),
});

const RiskReviewType = builder.objectRef<RiskReview>('VictimRiskReview').implement({
  description: 'A supervisory review of a victim’s risk.',
  fields: (t) => ({
    reviewer: t.exposeString('reviewer', { description: 'Which reviewer of the cadence it was, e.g. supervisor, sergeant, inspector.' }),
    reviewedOn: t.field({ type: 'Date', description: 'The day of the review.', resolve: (r) => r.reviewedOn }),
    note: t.exposeString('note', { description: 'The review note.' }),
    by: t.exposeString('by', { description: 'Who reviewed, by the name their token gave.' }),
  }),
});

const RiskReviewDueType = builder.objectRef<{ reviewer: string; dueOn: string; overdue: boolean }>('VictimRiskReviewDue').implement({
  description: 'When one reviewer of the partnership’s cadence is next due to review the victim.',
  fields: (t) => ({
    reviewer: t.exposeString('reviewer', { description: 'The reviewer, as the cadence names them.' }),
    dueOn: t.field({ type: 'Date', description: 'The day the review falls due.', resolve: (r) => r.dueOn }),
    overdue: t.exposeBoolean('overdue', { description: 'The day has passed without the review, by the server’s clock (for a case read as of a past instant, by that instant’s day).' }),
  }),
});

const SinglePointOfContactType = builder.objectRef<{ name: string; agencyId: string }>('SinglePointOfContact').implement({
  description: 'The named officer of an agency who keeps in touch with the victim.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Their name.' }),
    agencyId: t.exposeString('agencyId', { description: 'Their agency.' }),
  }),
});

const VictimRiskType = builder.objectRef<Victim>('VictimRisk').implement({
  description: 'A victim’s risk with its history, and when it is next reviewed on the partnership’s cadence.',
  fields: (t) => ({
    level: t.field({ type: VictimRiskLevelEnum, nullable: true, description: 'The current level (of the latest assessment by its day); null until assessed.', resolve: (v) => currentAssessment(v.risk)?.level ?? null }),
    score: t.int({ nullable: true, description: 'The current assessment’s score; null until assessed.', resolve: (v) => currentAssessment(v.risk)?.score ?? null }),
    current: t.field({ type: RiskAssessmentType, nullable: true, description: 'The assessment in force: the latest by its day; null until assessed.', resolve: (v) => currentAssessment(v.risk) }),
    assessments: t.field({ type: [RiskAssessmentType], description: 'Every assessment, in the order recorded.', resolve: (v) => [...v.risk.assessments] }),
    reviews: t.field({ type: [RiskReviewType], description: 'Every supervisory review, in the order recorded.', resolve: (v) => [...v.risk.reviews] }),
    singlePointOfContact: t.field({ type: SinglePointOfContactType, nullable: true, description: 'Their single point of contact; null if none was named.', resolve: (v) => v.risk.singlePointOfContact }),
    reviewsDue: t.field({
      type: [RiskReviewDueType],
      description: 'Each reviewer’s next review at the current level; empty at standard risk or before any assessment.',
      resolve: (v, _a, ctx) => {
        const today = dayFor(ctx, v);
        return riskReviewsDue(v.risk, ctx.casebook.caseRules.riskReviewCadence).map((due) => ({ ...due, overdue: today > due.dueOn }));
      },
    }),
    nextReviewDue: t.field({
      type: 'Date',
      nullable: true,
      description: 'The earliest review due on the partnership’s cadence; null at standard risk or before any assessment.',
      resolve: (v, _a, ctx) => reviewDueOn(v.risk, ctx.casebook.caseRules.riskReviewCadence),
    }),
    reviewOverdue: t.boolean({
      description: 'The earliest review due has passed without it, by the server’s clock (for a case read as of a past instant, by that instant’s day).',
      resolve: (v, _a, ctx) => isRiskReviewOverdue(v.risk, dayFor(ctx, v), ctx.casebook.caseRules.riskReviewCadence),
    }),
  }),
});

const VictimType = builder.objectRef<OnCase<Victim>>('AsbVictim').implement({
  description: 'A victim on the case. Their details are need-to-know: only the agencies on the case, and auditors, read them.',
  fields: (t) => ({
    personId: t.string({ description: 'Their person id: the same on every case they appear in.', resolve: (v) => v.item.personId }),
    recordedOn: t.field({ type: 'Date', description: 'The day they were recorded on the case.', resolve: (v) => v.item.recordedOn }),
    flags: t.field({ type: [FlagType], description: 'Their flags, in the order raised.', resolve: (v) => [...v.item.flags] }),
    risk: t.field({ type: VictimRiskType, description: 'Their risk on the shared questionnaire, with its history and reviews.', resolve: (v) => v.item }),
    ...personalDataFields(t, 'victim', (v) => v.item),
  }),
});

const WitnessType = builder.objectRef<OnCase<Witness>>('AsbWitness').implement({
  description: 'A witness on the case. Their details are need-to-know: only the agencies on the case, and auditors, read them.',
  fields: (t) => ({
    personId: t.string({ description: 'Their person id: the same on every case they appear in.', resolve: (w) => w.item.personId }),
    recordedOn: t.field({ type: 'Date', description: 'The day they were recorded on the case.', resolve: (w) => w.item.recordedOn }),
    flags: t.field({ type: [FlagType], description: 'Their flags, in the order raised.', resolve: (w) => [...w.item.flags] }),
    ...personalDataFields(t, 'witness', (w) => w.item),
  }),
});

const SubjectType = builder.objectRef<OnCase<Subject>>('AsbSubject').implement({
  description: 'A subject of the case: someone whose behaviour is complained of (a subject may be a child). Their details are need-to-know.',
  fields: (t) => ({
    personId: t.string({ description: 'Their person id: the same on every case they appear in.', resolve: (s) => s.item.personId }),
    recordedOn: t.field({ type: 'Date', description: 'The day they were recorded on the case.', resolve: (s) => s.item.recordedOn }),
    ageBand: t.field({ type: AgeBandEnum, description: 'Their age band, from the date of birth on the day recorded (or corrected), or the recorder’s estimate.', resolve: (s) => s.item.ageBand }),
    ageBandEstimated: t.boolean({ description: 'True when the age band is the recorder’s estimate: no rule of the Act accepts it.', resolve: (s) => s.item.ageBandEstimated }),
    child: t.boolean({ description: 'True when the age band is under 18.', resolve: (s) => isChild(s.item.ageBand) }),
    ...personalDataFields(t, 'subject', (s) => s.item),
  }),
});

const BreachType = builder.objectRef<Breach>('InterventionBreach').implement({
  description: 'A breach of an intervention, recorded against it.',
  fields: (t) => ({
    breachId: t.exposeString('breachId', { description: 'Its id on this case.' }),
    occurredOn: t.field({ type: 'Date', description: 'The day of the breach.', resolve: (b) => b.occurredOn }),
    description: t.exposeString('description', { description: 'What the breach was.' }),
    incidentId: t.string({ nullable: true, description: 'The incident on the case that was the breach; null if none.', resolve: (b) => b.incidentId ?? null }),
    response: t.string({ nullable: true, description: 'What was done about it; null if not recorded.', resolve: (b) => b.response ?? null }),
  }),
});

const AuthorisationType = builder.objectRef<{ rank: PoliceRank; officer: string }>('InterventionAuthorisation').implement({
  description: 'Who authorised a dispersal direction.',
  fields: (t) => ({
    rank: t.field({ type: PoliceRankEnum, description: 'Their rank.', resolve: (a) => a.rank }),
    officer: t.exposeString('officer', { description: 'The authorising officer.' }),
  }),
});

const ConvictionType = builder.objectRef<{ convictedOn: string; court: string; offence: string }>('Conviction').implement({
  description: 'The conviction a Criminal Behaviour Order is made on.',
  fields: (t) => ({
    convictedOn: t.field({ type: 'Date', description: 'The day of the conviction.', resolve: (c) => c.convictedOn }),
    court: t.exposeString('court', { description: 'The court.' }),
    offence: t.exposeString('offence', { description: 'The offence.' }),
  }),
});

const InterventionType = builder.objectRef<RecordedIntervention>('Intervention').implement({
  description: 'An intervention on the escalation ladder, with the issuing agency, dates, terms and expiry, and every breach recorded against it.',
  fields: (t) => ({
    interventionId: t.exposeString('interventionId', { description: 'Its id on this case.' }),
    kind: t.field({ type: InterventionKindEnum, description: 'What kind of intervention.', resolve: (i) => i.kind }),
    subjectPersonId: t.string({ nullable: true, description: 'The subject it was issued to, by person id; null for a power over a place.', resolve: (i) => i.subjectPersonId ?? null }),
    subjectAgeBandOnIssue: t.field({ type: AgeBandEnum, nullable: true, description: 'The subject’s age band on the day of issue, when their date of birth was known: the evidence an age precondition was met.', resolve: (i) => i.subjectAgeBandOnIssue ?? null }),
    issuingAgencyId: t.exposeString('issuingAgencyId', { description: 'The agency that issued it.' }),
    issuingAgencyKind: t.field({ type: AgencyKindEnum, description: 'What kind of body the issuing agency is, as the Act’s powers go.', resolve: (i) => i.issuingAgencyKind }),
    issuedOn: t.field({ type: 'Date', description: 'The day it was issued.', resolve: (i) => i.issuedOn }),
    terms: t.exposeString('terms', { description: 'Its terms.' }),
    expiresOn: t.field({ type: 'Date', nullable: true, description: 'The last day it is in force; null for one that lasts until discharged (or is counted in hours).', resolve: (i) => i.expiresOn ?? null }),
    durationHours: t.int({ nullable: true, description: 'For a dispersal direction or a closure notice: how many hours it lasts; null otherwise.', resolve: (i) => i.durationHours ?? null }),
    lastDayInForce: t.field({ type: 'Date', nullable: true, description: 'The last day it can be breached: its expiry, or the day its hours run out; null while it lasts until discharged.', resolve: (i) => lastDayInForce(i) }),
    inForce: t.boolean({
      description: 'Issued and not yet expired, by the server’s clock (for a case read as of a past instant, by that instant’s day).',
      resolve: (i, _a, ctx) => {
        const today = dayFor(ctx, i);
        const last = lastDayInForce(i);
        return i.issuedOn <= today && (last === null || today <= last);
      },
    }),
    place: t.string({ nullable: true, description: 'The area of a dispersal direction or PSPO; null otherwise.', resolve: (i) => i.place ?? null }),
    authorisation: t.field({ type: AuthorisationType, nullable: true, description: 'Who authorised a dispersal direction; null otherwise.', resolve: (i) => i.authorisation ?? null }),
    conviction: t.field({ type: ConvictionType, nullable: true, description: 'The conviction a Criminal Behaviour Order is made on; null otherwise.', resolve: (i) => i.conviction ?? null }),
    followsInterventionId: t.string({ nullable: true, description: 'The intervention on this case it follows on (a fixed penalty for a notice not complied with); null if none.', resolve: (i) => i.followsInterventionId ?? null }),
    breaches: t.field({ type: [BreachType], description: 'Every breach recorded against it, in the order recorded.', resolve: (i) => [...i.breaches] }),
  }),
});

const ReferralType = builder.objectRef<Referral>('Referral').implement({
  description: 'A referral of a victim, witness or subject to a service.',
  fields: (t) => ({
    referralId: t.exposeString('referralId', { description: 'Its id on this case.' }),
    service: t.field({ type: ReferralServiceEnum, description: 'The service.', resolve: (r) => r.service }),
    personId: t.exposeString('personId', { description: 'Who was referred, by person id.' }),
    referredOn: t.field({ type: 'Date', description: 'The day of the referral.', resolve: (r) => r.referredOn }),
    reason: t.exposeString('reason', { description: 'Why.' }),
    toAgencyId: t.string({ nullable: true, description: 'The partner agency that provides the service, when it is one; null otherwise.', resolve: (r) => r.toAgencyId ?? null }),
  }),
});

// The case review's complaints can come from any case: those from a case the caller may not see keep their part in the count and lose what would name that case.

const CASE_REFERENCE = /^(ASB-\d{4}-\d{4,})\//;
const CASE_IDS_IN_TEXT = /ASB-\d{4}-\d{4,}(?:\/[a-z0-9-]+)*/g;

/** Which case references a caller may see, and what to show of ids and sentences that name others. */
export class ComplaintSight {
  constructor(private readonly ctx: GraphQLContext) {}

  /** The case a complaint or incident id names, when it names one in sight. */
  caseOf(id: string): AsbCaseView | null {
    const reference = CASE_REFERENCE.exec(id)?.[1];
    if (reference === undefined) return null;
    const caseId = this.ctx.records.cases.byReference.get(reference);
    return caseId === undefined ? null : (this.ctx.records.asbCase(caseId) ?? null);
  }

  /** True when the id names a case the caller may not see (or none at all: the same to the caller). */
  hidden(id: string): boolean {
    return CASE_REFERENCE.test(id) && this.caseOf(id) === null;
  }

  shown(id: string): string | null {
    return this.hidden(id) ? null : id;
  }

  /** A sentence with every id of a case out of sight put in words that name no case. */
  masked(text: string): string {
    return text.replace(CASE_IDS_IN_TEXT, (id) => {
      if (!this.hidden(`${id}/`)) return id;
      const depth = id.split('/').length - 1;
      return depth === 0 ? 'a case you may not see' : depth === 1 ? 'an incident on a case you may not see' : 'a complaint on a case you may not see';
    });
  }
}

/** A threshold judgement as served: the complaints it judged, and the case whose review (or eligibility) it is. */
export interface ThresholdOnCase {
  readonly view: AsbCaseView;
  readonly judgement: ThresholdJudgement;
  readonly complaints: ReadonlyMap<string, Complaint>;
  readonly procedure: CaseReviewProcedure;
}

interface ComplaintOnCase {
  readonly threshold: ThresholdOnCase;
  readonly judged: ComplaintJudgement;
  readonly complaint: Complaint;
}

/** A complaint's complainant is personal data of the case it was made on (or, when its id names none, of the case judged). */
function readsComplainant(c: ComplaintOnCase, ctx: GraphQLContext): boolean {
  const sight = new ComplaintSight(ctx);
  if (sight.hidden(c.complaint.complaintId)) return false;
  const made = sight.caseOf(c.complaint.complaintId) ?? liveViewOf(c.threshold.view);
  const complainant = c.complaint.complainantPersonId;
  // A restricted complainant's household key is for auditors only. (An erased one's is gone: sealed under their key.)
  if (complainant !== undefined && !ctx.records.readsPersonOnCase(made, complainant)) return false;
  return ctx.records.readsPersonalDataOnCase(made);
}

const ComplaintJudgementType = builder.objectRef<ComplaintOnCase>('CaseReviewComplaint').implement({
  description:
    'One complaint as the case review threshold judges it: whether it counted, and why. A complaint made on a case the caller may not see is still judged and counted, but shown without anything that names that case (its ids are null and its sentences say “a case you may not see”).',
  fields: (t) => ({
    complaintId: t.string({ nullable: true, description: 'The complaint’s id (the case reference, the incident and the report’s number, e.g. ASB-2026-0031/inc-1/2); null when it was made on a case the caller may not see.', resolve: (c, _a, ctx) => new ComplaintSight(ctx).shown(c.complaint.complaintId) }),
    incidentId: t.string({ nullable: true, description: 'The incident complained of, e.g. ASB-2026-0031/inc-1; null when on a case the caller may not see.', resolve: (c, _a, ctx) => new ComplaintSight(ctx).shown(c.complaint.incidentId) }),
    asbCase: t.field({ type: AsbCaseRef, nullable: true, description: 'The case it was made on; null when that is a case the caller may not see, or the complaint names no case.', resolve: (c, _a, ctx) => new ComplaintSight(ctx).caseOf(c.complaint.complaintId) }),
    onCaseOutOfSight: t.boolean({ description: 'True when it was made on a case the caller may not see: counted, but not named.', resolve: (c, _a, ctx) => new ComplaintSight(ctx).hidden(c.complaint.complaintId) }),
    complainantPersonId: t.string({
      nullable: true,
      description: 'Who complained, by person id; null for an anonymous complaint, and when the caller may not read the personal data of the case it was made on.',
      resolve: (c, _a, ctx) => (readsComplainant(c, ctx) ? (c.complaint.complainantPersonId ?? null) : null),
    }),
    householdKey: t.string({
      nullable: true,
      description: 'The complainant’s household key; null if none, and when the caller may not read the personal data of the case it was made on.',
      resolve: (c, _a, ctx) => (readsComplainant(c, ctx) ? (c.complaint.householdKey ?? null) : null),
    }),
    receivedBy: t.string({ description: 'The agency the complaint was made to.', resolve: (c) => c.complaint.receivedBy }),
    behaviourOn: t.field({ type: 'Date', description: 'The day of the behaviour complained of.', resolve: (c) => c.complaint.behaviourOn }),
    complainedOn: t.field({ type: 'Date', description: 'The day the complaint was made.', resolve: (c) => c.complaint.complainedOn }),
    hateMotivated: t.boolean({ description: 'True when the incident complained of was hate-motivated.', resolve: (c) => c.complaint.hateMotivated }),
    locationKey: t.string({ nullable: true, description: 'The known location of the behaviour; null if not keyed.', resolve: (c) => c.complaint.locationKey ?? null }),
    standing: t.field({ type: ComplaintStandingEnum, description: 'How it stands for the threshold.', resolve: (c) => c.judged.standing }),
    qualifies: t.boolean({ description: 'True when it is a qualifying complaint (`counted`, or `same_incident`: both count towards the local routes that count people).', resolve: (c) => c.judged.qualifies }),
    sameAs: t.string({ nullable: true, description: 'For `same_incident`: the complaint that counted for the incident; null otherwise, and when that was on a case the caller may not see.', resolve: (c, _a, ctx) => (c.judged.sameAs === undefined ? null : new ComplaintSight(ctx).shown(c.judged.sameAs)) }),
    why: t.string({ description: 'Why it stands so, in one sentence.', resolve: (c, _a, ctx) => new ComplaintSight(ctx).masked(c.judged.why) }),
  }),
});

const RouteJudgementType = builder.objectRef<{ threshold: ThresholdOnCase; route: RouteJudgement }>('CaseReviewRouteJudgement').implement({
  description: 'One route to the threshold, judged: whether it is in the procedure, what it needs, what was found.',
  fields: (t) => ({
    route: t.field({ type: ThresholdRouteEnum, description: 'The route.', resolve: (r) => r.route.route }),
    enabled: t.boolean({ description: 'True when the procedure uses this route (the Act’s own always is).', resolve: (r) => r.route.enabled }),
    met: t.boolean({ description: 'True when the route is in the procedure and met.', resolve: (r) => r.route.met }),
    needed: t.int({ description: 'How many it needs (complaints, individuals or households, hate incidents, incidents at the location).', resolve: (r) => r.route.needed }),
    found: t.int({ description: 'How many were found.', resolve: (r) => r.route.found }),
    complaintIds: t.stringList({
      description: 'The complaints it rests on, by id; those made on cases the caller may not see are left out of the list but not out of `found`.',
      resolve: (r, _a, ctx) => {
        const sight = new ComplaintSight(ctx);
        return r.route.complaintIds.filter((id) => !sight.hidden(id));
      },
    }),
    why: t.string({ description: 'Why it is met or not, in one sentence.', resolve: (r, _a, ctx) => new ComplaintSight(ctx).masked(r.route.why) }),
  }),
});

const ProcedureRouteType = builder.objectRef<{ enabled: boolean; count: number }>('CaseReviewProcedureRoute').implement({
  description: 'A local route of the case review procedure, and the number it needs.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'True when the procedure uses it.' }),
    count: t.exposeInt('count', { description: 'How many it needs.' }),
  }),
});

const LinkedLocationRouteType = builder.objectRef<{ enabled: boolean; incidents: number; reporters: number }>('CaseReviewLinkedLocationRoute').implement({
  description: 'The local route of incidents at one linked location, and what it needs.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'True when the procedure uses it.' }),
    incidents: t.exposeInt('incidents', { description: 'How many incidents at the location it needs.' }),
    reporters: t.exposeInt('reporters', { description: 'By how many different people, at least.' }),
  }),
});

export const ProcedureType = builder.objectRef<CaseReviewProcedure>('CaseReviewProcedure').implement({
  description: 'The local case review procedure the relevant bodies publish (s.104(2)): the Act’s number of complaints (three, or fewer) and any local routes.',
  fields: (t) => ({
    qualifyingComplaints: t.exposeInt('qualifyingComplaints', { description: 'How many qualifying complaints meet the threshold: three by the Act, fewer if the procedure says so.' }),
    individualsOrHouseholds: t.field({ type: ProcedureRouteType, description: 'So many individuals or households complaining about the same problem within six months.', resolve: (p) => p.individualsOrHouseholds }),
    hateIncident: t.field({ type: ProcedureRouteType, description: 'A hate incident (or so many).', resolve: (p) => p.hateIncident }),
    linkedLocation: t.field({ type: LinkedLocationRouteType, description: 'So many incidents at a linked location, reported by more than one person.', resolve: (p) => p.linkedLocation }),
  }),
});

export const ThresholdType = builder.objectRef<ThresholdOnCase>('CaseReviewThreshold').implement({
  description:
    'Whether the case review threshold is met on a day, explained: every route judged, and every complaint with why it counted or did not. Complaints made on cases the caller may not see are counted but not named.',
  fields: (t) => ({
    applicationOn: t.field({ type: 'Date', description: 'The day of the application judged.', resolve: (th) => th.judgement.applicationOn }),
    met: t.boolean({ description: 'True when any route is met.', resolve: (th) => th.judgement.met }),
    routesMet: t.field({ type: [ThresholdRouteEnum], description: 'The routes met.', resolve: (th) => [...th.judgement.routesMet] }),
    routes: t.field({ type: [RouteJudgementType], description: 'Every route, judged.', resolve: (th) => th.judgement.routes.map((route) => ({ threshold: th, route })) }),
    complaints: t.field({
      type: [ComplaintJudgementType],
      description: 'Every complaint judged, earliest made first.',
      resolve: (th) => th.judgement.complaints.map((judged) => ({ threshold: th, judged, complaint: th.complaints.get(judged.complaintId)! })),
    }),
    complaintsOnCasesOutOfSight: t.int({
      description: 'How many of the complaints were made on cases the caller may not see.',
      resolve: (th, _a, ctx) => {
        const sight = new ComplaintSight(ctx);
        return th.judgement.complaints.filter((c) => sight.hidden(c.complaintId)).length;
      },
    }),
    procedure: t.field({ type: ProcedureType, description: 'The procedure judged by.', resolve: (th) => th.procedure }),
  }),
});

/** Judges complaints on a day, keeping them by id for the explanation. */
export function thresholdOnCase(view: AsbCaseView, complaints: readonly Complaint[], applicationOn: string, procedure: CaseReviewProcedure): ThresholdOnCase {
  return {
    view,
    judgement: judgeCaseReviewThreshold(complaints, applicationOn, procedure),
    complaints: new Map(complaints.map((c) => [c.complaintId, c])),
    procedure,
  };
}

const ThresholdShownType = builder.objectRef<{ review: CaseReview }>('CaseReviewThresholdShown').implement({
  description: 'The threshold as the complaints showed it on the day of application, as recorded then.',
  fields: (t) => ({
    met: t.boolean({ description: 'True when the complaints met the threshold.', resolve: (s) => s.review.thresholdShown.met }),
    routesMet: t.field({ type: [ThresholdRouteEnum], description: 'The routes they met.', resolve: (s) => [...s.review.thresholdShown.routesMet] }),
    countedComplaints: t.int({ description: 'How many complaints counted, wherever they were made.', resolve: (s) => s.review.thresholdShown.countedComplaintIds.length }),
    countedComplaintIds: t.stringList({
      description: 'The complaints that counted, by id; those made on cases the caller may not see are left out of the list but not out of `countedComplaints`.',
      resolve: (s, _a, ctx) => {
        const sight = new ComplaintSight(ctx);
        return s.review.thresholdShown.countedComplaintIds.filter((id) => !sight.hidden(id));
      },
    }),
  }),
});

const DecisionType = builder.objectRef<NonNullable<CaseReview['decision']>>('CaseReviewDecision').implement({
  description: 'The relevant bodies’ decision whether the threshold is met.',
  fields: (t) => ({
    decidedOn: t.field({ type: 'Date', description: 'The day of the decision.', resolve: (d) => d.decidedOn }),
    thresholdMet: t.exposeBoolean('thresholdMet', { description: 'True when decided met.' }),
    basis: t.field({ type: ThresholdBasisEnum, nullable: true, description: 'On what basis it was decided met; null when not met.', resolve: (d) => d.basis ?? null }),
    reason: t.exposeString('reason', { description: 'The reason given.' }),
  }),
});

const RecommendationType = builder.objectRef<CaseReviewHearing['recommendations'][number]>('CaseReviewRecommendation').implement({
  description: 'A recommendation of a case review to an agency.',
  fields: (t) => ({
    recommendationId: t.exposeString('recommendationId', { description: 'Its id in the review.' }),
    toAgencyId: t.exposeString('toAgencyId', { description: 'The agency it is made to.' }),
    recommendation: t.exposeString('recommendation', { description: 'The recommendation.' }),
    dueOn: t.field({ type: 'Date', nullable: true, description: 'The day it is to be carried out by; null if none was set.', resolve: (r) => r.dueOn ?? null }),
  }),
});

const HearingType = builder.objectRef<CaseReviewHearing>('CaseReviewHearing').implement({
  description: 'A case review meeting: who took part, what it found, what it recommended.',
  fields: (t) => ({
    heldOn: t.field({ type: 'Date', description: 'The day it was held.', resolve: (h) => h.heldOn }),
    agencies: t.stringList({ description: 'The agencies that took part.', resolve: (h) => [...h.agencies] }),
    findings: t.exposeString('findings', { description: 'What it found.' }),
    recommendations: t.field({ type: [RecommendationType], description: 'Its recommendations.', resolve: (h) => [...h.recommendations] }),
  }),
});

const AppealDecisionType = builder.objectRef<{ decidedOn: string; upheld: boolean; reason: string }>('CaseReviewAppealDecision').implement({
  description: 'The decision on an appeal.',
  fields: (t) => ({
    decidedOn: t.field({ type: 'Date', description: 'The day of the decision.', resolve: (d) => d.decidedOn }),
    upheld: t.exposeBoolean('upheld', { description: 'True when the appeal was upheld.' }),
    reason: t.exposeString('reason', { description: 'The reason given.' }),
  }),
});

const AppealType = builder.objectRef<NonNullable<CaseReview['appeal']>>('CaseReviewAppeal').implement({
  description: 'The applicant’s appeal, against the threshold decision or the review’s outcome.',
  fields: (t) => ({
    appealedOn: t.field({ type: 'Date', description: 'The day of the appeal.', resolve: (a) => a.appealedOn }),
    against: t.field({ type: AppealAgainstEnum, description: 'What it is against.', resolve: (a) => a.against }),
    grounds: t.exposeString('grounds', { description: 'Its grounds.' }),
    decision: t.field({ type: AppealDecisionType, nullable: true, description: 'The decision on it; null until decided.', resolve: (a) => a.decision }),
  }),
});

const CaseReviewType = builder.objectRef<OnCase<CaseReview>>('CaseReview').implement({
  description: 'An application for an ASB case review (the Community Trigger, 2014 Act s.104): the threshold shown and explained, the decision, the review meeting with its recommendations, and the appeal.',
  fields: (t) => ({
    applicationId: t.string({ description: 'Its id on this case.', resolve: (r) => r.item.applicationId }),
    appliedOn: t.field({ type: 'Date', description: 'The day of the application.', resolve: (r) => r.item.appliedOn }),
    applicantPersonId: t.string({ description: 'The victim it is about, by person id.', resolve: (r) => r.item.applicantPersonId }),
    madeBy: t.field({ type: CaseReviewApplicantEnum, description: 'Who made it.', resolve: (r) => r.item.madeBy }),
    representative: t.field({
      type: RepresentativeEnum,
      nullable: true,
      description: 'Who the representative is to the victim; null when the victim applied.',
      resolve: (r) => (r.item.representative ?? null) as 'family' | 'friend' | 'carer' | 'councillor' | 'mp' | 'professional' | 'other' | null,
    }),
    procedure: t.field({ type: ProcedureType, description: 'The procedure the application was judged by.', resolve: (r) => r.item.procedure }),
    thresholdShown: t.field({ type: ThresholdShownType, description: 'The threshold as recorded on the day of application.', resolve: (r) => ({ review: r.item }) }),
    explanation: t.field({
      type: ThresholdType,
      description: 'The threshold judged again on the complaints the application gathered: which counted, and why each other did not.',
      resolve: (r) => thresholdOnCase(r.view, r.item.complaints, r.item.appliedOn, r.item.procedure),
    }),
    decision: t.field({ type: DecisionType, nullable: true, description: 'The threshold decision; null until made.', resolve: (r) => r.item.decision }),
    toBeHeld: t.boolean({ description: 'True when a review meeting is owed: the threshold was decided met, or an appeal against deciding otherwise was upheld.', resolve: (r) => reviewToBeHeld(r.item) }),
    hearing: t.field({ type: HearingType, nullable: true, description: 'The latest review meeting; null until one is held.', resolve: (r) => r.item.hearings.at(-1) ?? null }),
    hearings: t.field({ type: [HearingType], description: 'Every review meeting held: a second only after an appeal against the first was upheld.', resolve: (r) => [...r.item.hearings] }),
    appeal: t.field({ type: AppealType, nullable: true, description: 'The applicant’s appeal; null if none.', resolve: (r) => r.item.appeal }),
  }),
});

const SatisfactionAnswerType = builder.objectRef<Closure['victimSatisfaction'][number]>('VictimSatisfactionAnswer').implement({
  description: 'A victim’s satisfaction, asked when the case closed.',
  fields: (t) => ({
    personId: t.exposeString('personId', { description: 'The victim, by person id.' }),
    satisfaction: t.field({ type: SatisfactionEnum, description: 'Their answer.', resolve: (s) => s.satisfaction }),
    comment: t.string({ nullable: true, description: 'Their comment; null if none.', resolve: (s) => s.comment ?? null }),
  }),
});

const ClosureType = builder.objectRef<Closure>('AsbCaseClosure').implement({
  description: 'A closure of the case: its outcome and each victim’s satisfaction.',
  fields: (t) => ({
    closedOn: t.field({ type: 'Date', description: 'The day it closed.', resolve: (c) => c.closedOn }),
    outcome: t.field({ type: CaseOutcomeEnum, description: 'How it ended.', resolve: (c) => c.outcome as 'resolved' | 'improved' | 'unresolved' | 'victim-withdrew' | 'transferred' | 'no-further-action' }),
    summary: t.exposeString('summary', { description: 'A summary.' }),
    victimSatisfaction: t.field({ type: [SatisfactionAnswerType], description: 'Every victim’s satisfaction.', resolve: (c) => [...c.victimSatisfaction] }),
  }),
});

const ReopeningType = builder.objectRef<{ reason: string; reopenedOn: string }>('AsbCaseReopening').implement({
  description: 'A reopening of the closed case, with its reason.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Why it was reopened.' }),
    reopenedOn: t.field({ type: 'Date', description: 'The day it was reopened.', resolve: (r) => r.reopenedOn }),
  }),
});

const AcknowledgementType = builder.objectRef<{ agencyId: string; by: { userId: string; name: string }; on: string }>('AlertAcknowledgement').implement({
  description: 'An agency’s acknowledgement of an alert: it has seen it and taken it on.',
  fields: (t) => ({
    agencyId: t.exposeString('agencyId', { description: 'The agency.' }),
    by: t.string({ description: 'Who acknowledged it, by the name their token gave.', resolve: (a) => a.by.name }),
    byUserId: t.string({ description: 'Who acknowledged it, by user id.', resolve: (a) => a.by.userId }),
    on: t.field({ type: 'Date', description: 'The day it was acknowledged.', resolve: (a) => a.on }),
  }),
});

export const CaseAlertType = builder.objectRef<OnCase<CaseAlert>>('CaseAlert').implement({
  description:
    'An alert about a victim or witness (assessed high risk, or flagged vulnerable or intimidated), raised at once to every agency on the case at that moment (seed 004, para 16). Each of those agencies acknowledges it for itself; an agency joining later reads the case, not the alert.',
  fields: (t) => ({
    alertId: t.string({ description: 'Its id on the case, e.g. `alert-3`: give it to `acknowledgeAlert` with the case.', resolve: (a) => a.item.alertId }),
    asbCase: t.field({ type: AsbCaseRef, description: 'The case.', resolve: (a) => a.view }),
    personId: t.string({ description: 'Who it is about, by person id.', resolve: (a) => a.item.personId }),
    role: t.field({ type: CasePersonRoleEnum, description: 'Their part on the case.', resolve: (a) => a.item.role }),
    reason: t.field({ type: AlertReasonEnum, description: 'Why it was raised.', resolve: (a) => a.item.reason }),
    on: t.field({ type: 'Date', description: 'The day of the assessment or flag that raised it.', resolve: (a) => a.item.on }),
    agencies: t.stringList({ description: 'The agencies it was raised to: those on the case when it was raised.', resolve: (a) => [...a.item.agencies] }),
    acknowledgements: t.field({
      type: [AcknowledgementType],
      description: 'The acknowledgements so far, one at most for each agency alerted.',
      resolve: (a) => [...a.item.acknowledgements].map(([agencyId, ack]) => ({ agencyId, by: ack.by, on: ack.on })),
    }),
    forMyAgency: t.boolean({ description: 'True when it was raised to the caller’s agency.', resolve: (a, _a, ctx) => a.item.agencies.includes(ctx.principal.agencyId) }),
    acknowledgedByMyAgency: t.boolean({ description: 'True when the caller’s agency has acknowledged it.', resolve: (a, _a, ctx) => a.item.acknowledgements.has(ctx.principal.agencyId) }),
  }),
});

export const AsbCaseRef = builder.objectRef<AsbCaseView>('AsbCase');

builder.node(AsbCaseRef, {
  description: 'An anti-social behaviour case (seed 004, paras 15 to 19): incidents, victims, witnesses and subjects, the shared victim risk assessment, interventions, referrals and case reviews.',
  id: { description: 'The case’s global id: give it to `asbCase`, `node` and the case mutations.', resolve: (v) => v.caseId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'caseId' in value && 'asbCase' in value,
  loadOne: (id, ctx: GraphQLContext) => ctx.records.asbCase(id) ?? null,
  // The access policy again, on every case served (see the same on Plan).
  // A case read as of a past instant is judged as the case stands now.
  authScopes: (view) => ({ seesCase: liveViewOf(view) }),
  fields: (t) => ({
    reference: t.string({ description: 'The human reference, e.g. ASB-2026-0131.', resolve: (v) => v.asbCase.reference }),
    revision: t.int({ description: 'The stream revision: send it as `expectedRevision` to change the case only as you read it.', resolve: (v) => Number(v.revision) }),
    title: t.string({ description: 'A short title, up to 200 characters.', resolve: (v) => v.asbCase.title }),
    summary: t.string({ description: 'What the case is about, up to 4,000 characters.', resolve: (v) => v.asbCase.summary }),
    status: t.field({ type: AsbCaseStatusEnum, description: 'Open or closed.', resolve: (v) => v.asbCase.status }),
    owningAgencyId: t.string({ description: 'The agency that owns the case and answers for it: it adds partners, links the case to a plan, closes and reopens it.', resolve: (v) => v.asbCase.owningAgencyId }),
    agencies: t.stringList({
      description: 'Every agency on the case: the one that opened it, the owner, the partners added, and each agency one of its actions is assigned to now. They see the case and its people’s details, and are alerted.',
      resolve: (v) => [...agenciesOnCaseView(v)].sort(),
    }),
    partners: t.field({ type: [CasePartnerType], description: 'The agencies added as partners, with why.', resolve: (v) => [...v.asbCase.partners].map(([agencyId, p]) => ({ agencyId, reason: p.reason ?? null })) }),
    location: t.field({ type: PlaceType, description: 'Where the problem is.', resolve: (v) => v.asbCase.location }),
    neighbourhoodId: t.string({ nullable: true, description: 'The UUID of the neighbourhood it is in; null if none was given.', resolve: (v) => v.asbCase.neighbourhoodId ?? null }),
    openedOn: t.field({ type: 'Date', description: 'The day it was opened.', resolve: (v) => v.asbCase.openedOn }),
    lastChangedAt: t.field({ type: 'DateTime', description: 'When it last changed.', resolve: (v) => v.lastChangedAt }),
    incidents: t.field({ type: [IncidentType], description: 'Its incidents, in the order recorded.', resolve: (v) => [...v.asbCase.incidents.values()] }),
    victims: t.field({ type: [VictimType], description: 'Its victims, with their risk; their details are need-to-know.', resolve: (v) => [...v.asbCase.victims.values()].map(onCase(v)) }),
    witnesses: t.field({ type: [WitnessType], description: 'Its witnesses; their details are need-to-know.', resolve: (v) => [...v.asbCase.witnesses.values()].map(onCase(v)) }),
    subjects: t.field({ type: [SubjectType], description: 'Its subjects (alleged perpetrators); their details are need-to-know.', resolve: (v) => [...v.asbCase.subjects.values()].map(onCase(v)) }),
    personalDataWithheld: t.boolean({
      description: 'True when the people’s details and household keys are withheld from the caller: its agency is not on the case, and it is not an auditor (need-to-know).',
      resolve: (v, _a, ctx) => !ctx.records.readsPersonalDataOnCase(liveViewOf(v)),
    }),
    interventions: t.field({ type: [InterventionType], description: 'Its interventions, in the order recorded, each with its breaches.', resolve: (v) => [...v.asbCase.interventions.values()] }),
    referrals: t.field({ type: [ReferralType], description: 'Its referrals, in the order recorded.', resolve: (v) => [...v.asbCase.referrals.values()] }),
    caseReviews: t.field({ type: [CaseReviewType], description: 'Its applications for a case review (the Community Trigger), in the order made.', resolve: (v) => [...v.asbCase.caseReviews.values()].map(onCase(v)) }),
    plan: t.field({
      type: PlanRef,
      nullable: true,
      description: 'The problem-solving plan the case is linked to, as part of a wider problem at a place; null if none, or one the caller may not see. For a case read as of a past instant, the plan as of that instant.',
      resolve: (v, _a, ctx) => (v.asbCase.plan ? planBeside(ctx, v, v.asbCase.plan.planId) : null),
    }),
    planLinkedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day it was linked to `plan`; null when `plan` is.',
      resolve: (v, _a, ctx) => (v.asbCase.plan && ctx.records.plan(v.asbCase.plan.planId) ? v.asbCase.plan.linkedOn : null),
    }),
    actions: t.field({
      type: [ActionRef],
      description: 'Its partner actions, soonest due first; for a case read as of a past instant, those assigned by then, as they stood then.',
      resolve: (v, _a, ctx) =>
        actionsBeside(
          ctx,
          v,
          [...ctx.records.actions.values()]
            .filter(({ action }) => action.parent.kind === 'asbcase' && action.parent.id === v.caseId)
            .sort((a, b) => a.action.dueOn.localeCompare(b.action.dueOn) || a.action.reference.localeCompare(b.action.reference)),
        ),
    }),
    closure: t.field({ type: ClosureType, nullable: true, description: 'The current closure; null while the case is open (as it is again once reopened).', resolve: (v) => v.asbCase.closure }),
    closures: t.field({ type: [ClosureType], description: 'Every closure, the current one last: a reopened case keeps why it was closed before.', resolve: (v) => [...v.asbCase.closures] }),
    reopenings: t.field({ type: [ReopeningType], description: 'Each time it was reopened, in order.', resolve: (v) => [...v.asbCase.reopenings] }),
    mopiReviewDueOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'When the closed case’s MoPI retention review falls due: the partnership’s years after its latest closing (six by default), or the next review a decision to retain set. Null while open, and once marked for disposal.',
      resolve: (v, _a, ctx) => mopiReviewDueOf(retentionRecordOf(v.asbCase), ctx.casebook.retention.asbCase),
    }),
    retentionReviews: t.field({
      type: [RetentionReviewType],
      description: 'Every MoPI retention review, oldest first, those of earlier closings included (`recordRetentionReview`).',
      resolve: (v) => [...v.asbCase.retentionReviews],
    }),
    alerts: t.field({ type: [CaseAlertType], description: 'Every alert raised on the case, oldest first, whichever agencies they went to.', resolve: (v) => v.asbCase.alerts.map(onCase(v)) }),
  }),
});
