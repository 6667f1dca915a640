import { partnershipProjection } from '../../projections/partnership.js';
import type { Principal } from '../auth.js';
import { builder } from './builder.js';

interface AgencyView {
  readonly id: string;
  readonly name: string;
  readonly leadContact: string | null;
}

const AgencyType = builder.objectRef<AgencyView>('Agency').implement({
  description: 'A member agency of the Community Safety Partnership, as its register names it.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Short id used in tokens and filters: `police`, `council`, `housing`...' }),
    name: t.exposeString('name', { description: 'The agency’s name in the partnership register; its id when the register does not list it.' }),
    leadContact: t.exposeString('leadContact', {
      nullable: true,
      description: 'The agency’s named lead contact for the partnership; null when the register does not list the agency.',
    }),
  }),
});

const RoleEnum = builder.enumType('Role', {
  description: 'What the caller may do in Casebook.',
  values: {
    coordinator: { description: 'CSP analysts and neighbourhood police: everything in the partnership.' },
    supervisor: { description: 'Reviews plans at set points (Sergeant, Inspector).' },
    partner: { description: 'Works on the plans and cases its agency takes part in.' },
    auditor: { description: 'Reads everything, changes nothing.' },
  } as const,
});

const MeType = builder.objectRef<Principal>('Me').implement({
  description: 'The person calling, as their token names them.',
  fields: (t) => ({
    userId: t.exposeString('userId', { description: 'The caller’s user id: the subject (`sub`) of their token.' }),
    name: t.exposeString('displayName', { description: 'Display name from the token.' }),
    agency: t.field({
      type: AgencyType,
      description: 'The agency the caller’s token names.',
      resolve: (p, _args, ctx) => {
        const member = ctx.casebook.projections.model(partnershipProjection).current.agencies.get(p.agencyId);
        return { id: p.agencyId, name: member?.name ?? p.agencyId, leadContact: member?.leadContact ?? null };
      },
    }),
    roles: t.field({ type: [RoleEnum], description: 'The caller’s roles, as their token gives them: at least one.', resolve: (p) => [...p.roles] }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MeType,
    description: 'The caller: user, agency, roles.',
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
);

builder.queryField('agencies', (t) =>
  t.field({
    type: [AgencyType],
    description:
      'Every member agency of the partnership, as its register names them, in the order they joined: what the ids in plans, actions and tokens (`police`, `council`...) stand for. Anyone signed in may read it; it holds no personal data.',
    resolve: (_root, _args, ctx) =>
      [...ctx.casebook.projections.model(partnershipProjection).current.agencies.values()].map((a) => ({ id: a.agencyId, name: a.name, leadContact: a.leadContact })),
  }),
);
