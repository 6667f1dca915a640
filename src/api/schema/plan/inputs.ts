/** Input types more than one plan mutation takes. */
import { builder } from '../builder.js';

export const PersonInput = builder.inputType('PersonInput', {
  description: 'A named person of an agency (agencyId) or of a community group (communityGroup): one of the two.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Up to 120 characters.' }),
    role: t.string({ required: false, description: 'Up to 120 characters.' }),
    agencyId: t.string({ required: false, description: 'A partnership agency id: police, council, housing...' }),
    communityGroup: t.string({ required: false, description: 'The community group’s name, up to 160 characters.' }),
  }),
});

export const RepresentsInput = builder.inputType('RepresentsInput', {
  description: 'An agency (agencyId) or a community group (communityGroup): one of the two.',
  fields: (t) => ({
    agencyId: t.string({ required: false, description: 'A partnership agency id: police, council, housing...' }),
    communityGroup: t.string({ required: false, description: 'The community group’s name, as the representative gave it (case does not matter), up to 160 characters.' }),
  }),
});

export const RaisingPartyInput = builder.inputType('RaisingPartyInput', {
  description: 'Someone who raised the problem. They must be satisfied before the plan closes.',
  fields: (t) => ({
    partyId: t.string({ required: true, description: 'Your id for them in this plan: lower-case letters, digits and hyphens, e.g. `thornes-tra`.' }),
    name: t.string({ required: true, description: 'Up to 160 characters.' }),
    kind: t.string({ required: true, description: 'resident, community-group, business, councillor, agency or school.' }),
    agencyId: t.string({
      required: false,
      description: 'The agency the party is, or speaks for, if any. That agency takes part in the plan: it sees the plan and its personal data.',
    }),
    contact: t.string({ required: false, description: 'How to reach them, up to 200 characters.' }),
  }),
});
