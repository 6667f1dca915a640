/**
 * `disclosures`: the disclosure ledger, for auditors. Every read of a
 * victim's, witness's or subject's personal data by an agency other than the
 * case's owner, and every auditor's read: who, which agency, when, which case
 * and person, which fields, and the legal gateway it rests on.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { type DisclosureEntry, disclosuresProjection, findDisclosures } from '../../../projections/disclosures.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { builder } from '../builder.js';
import { pageSizeOf } from '../plan/queries.js';

const DisclosureGatewayEnum = builder.enumType('DisclosureGateway', {
  description: 'The legal gateway a disclosure of personal data rests on: the reading agency’s, as the partnership’s information-sharing configuration sets it, or `audit`.',
  values: {
    cda_s115: { value: 'cda-s115', description: 'Crime and Disorder Act 1998, s.115: sharing for the purposes of the Act.' },
    cda_s17a: { value: 'cda-s17a', description: 'Crime and Disorder Act 1998, s.17A: sharing of depersonalised information between responsible authorities.' },
    dpa_2018_part_3: { value: 'dpa-2018-part-3', description: 'Data Protection Act 2018, Part 3: processing by a competent authority for law enforcement purposes.' },
    consent: { value: 'consent', description: 'The person’s consent.' },
    audit: { value: 'audit', description: 'An auditor’s read, under the auditor’s own statutory basis rather than a sharing gateway.' },
  } as const,
});

const DisclosedRoleEnum = builder.enumType('DisclosedPersonRole', {
  description: 'What the person whose data was disclosed is on the case.',
  values: {
    victim: { value: 'victim', description: 'A victim.' },
    witness: { value: 'witness', description: 'A witness.' },
    subject: { value: 'subject', description: 'A subject (someone whose behaviour is complained of).' },
  } as const,
});

const DisclosureType = builder.objectRef<DisclosureEntry>('Disclosure').implement({
  description: 'One read of a person’s personal data on a case by an agency other than the case’s owner, or by an auditor, as the disclosure ledger recorded it before the data was served.',
  fields: (t) => ({
    readAt: t.field({ type: 'DateTime', description: 'When it was read, by the server’s clock.', resolve: (d) => d.readAt }),
    userId: t.exposeString('userId', { description: 'Who read it, by user id.' }),
    agencyId: t.exposeString('agencyId', { description: 'The agency that received it.' }),
    roles: t.exposeStringList('roles', { description: 'The reader’s roles when they read it.' }),
    asbCase: t.field({ type: AsbCaseRef, nullable: true, description: 'The case the data is held on; null if it is not in the caller’s sight.', resolve: (d, _a, ctx) => ctx.records.asbCase(d.caseId) ?? null }),
    reference: t.exposeString('reference', { description: 'The case’s reference, e.g. ASB-2026-0003.' }),
    personId: t.exposeString('personId', { description: 'The person whose data was read, by person id.' }),
    role: t.field({ type: DisclosedRoleEnum, description: 'What they are on the case.', resolve: (d) => d.role }),
    fields: t.exposeStringList('fields', { description: 'The personal data read: name, dateOfBirth, address, phone, email, contactNote (those held), householdKey.' }),
    gateway: t.field({ type: DisclosureGatewayEnum, description: 'The legal gateway the disclosure rests on.', resolve: (d) => d.gateway }),
    correlationId: t.exposeString('correlationId', { description: 'The request that read it (`x-correlation-id`).' }),
  }),
});

const DisclosureFilterInput = builder.inputType('DisclosureFilter', {
  description: 'Every field given narrows the ledger.',
  fields: (t) => ({
    personId: t.string({ required: false, description: 'Disclosures of this person’s data (their person id): a subject access request’s question.' }),
    caseId: t.globalID({ required: false, description: 'Disclosures of data held on this case (its global id).' }),
    agencyId: t.string({ required: false, description: 'Disclosures to this agency.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Disclosures at or after this instant.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Disclosures before this instant.' }),
  }),
});

builder.queryField('disclosures', (t) =>
  t.connection(
    {
      type: DisclosureType,
      nullable: true,
      description:
        'The disclosure ledger, oldest first: every read of a victim’s, witness’s or subject’s personal data by an agency other than the case’s owner (on the gateway its agency shares under), and every auditor’s read. Auditors only: null for every other role. Pages of at most 100.',
      args: { filter: t.arg({ type: DisclosureFilterInput, required: false, description: 'What to narrow the ledger to; without it, every disclosure.' }) },
      resolve: (_root, args, ctx) => {
        pageSizeOf(args);
        if (!ctx.principal.roles.includes('auditor')) return null;
        const filter = args.filter ?? {};
        if (filter.caseId && filter.caseId.typename !== 'AsbCase') return { ...resolveArrayConnection({ args }, []), totalCount: 0 };
        const matches = findDisclosures(ctx.casebook.projections.model(disclosuresProjection), {
          ...(filter.personId ? { personId: filter.personId } : {}),
          ...(filter.caseId ? { caseId: filter.caseId.id } : {}),
          ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
          ...(filter.from ? { fromMs: Date.parse(filter.from) } : {}),
          ...(filter.to ? { toMs: Date.parse(filter.to) } : {}),
        });
        return { ...resolveArrayConnection({ args }, matches), totalCount: matches.length };
      },
    },
    {
      name: 'DisclosureConnection',
      description: 'A page of the disclosures that match, oldest first.',
      fields: (c) => ({ totalCount: c.int({ description: 'How many disclosures match, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
    },
    { name: 'DisclosureEdge', description: 'One disclosure on the page, with its cursor.', nodeField: { description: 'The disclosure.' } },
  ),
);
