import { findAgency } from '../../app/demo/partnership.js';
import type { Principal } from '../auth.js';
import { builder } from './builder.js';

const AgencyType = builder.objectRef<{ id: string; name: string }>('Agency').implement({
  description: 'A member agency of the Community Safety Partnership.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Short id used in tokens and filters: `police`, `council`, `housing`...' }),
    name: t.exposeString('name'),
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
    userId: t.exposeString('userId'),
    name: t.exposeString('displayName', { description: 'Display name from the token.' }),
    agency: t.field({
      type: AgencyType,
      resolve: (p) => ({ id: p.agencyId, name: findAgency(p.agencyId)?.name ?? p.agencyId }),
    }),
    roles: t.field({ type: [RoleEnum], resolve: (p) => [...p.roles] }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MeType,
    description: 'The caller: user, agency, roles.',
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
);
