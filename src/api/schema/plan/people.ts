/** Who is on a plan: its owner, the partner representatives, and the parties who raised it. */
import { withResidentsIdentified } from '../../../app/plan-opening.js';
import { definePlanMutation } from './plan-mutation.js';
import { PersonInput, RaisingPartyInput, RepresentsInput } from './inputs.js';

definePlanMutation({
  name: 'assignPlanOwner',
  command: 'AssignPlanOwner',
  description:
    'Names the plan’s owner: a named person of the partner agency or community group whose primary function best fits the objectives (4.7.4). The one replaced is kept in the history.',
  fields: (t) => ({ owner: t.field({ type: PersonInput, required: true, description: 'The owner: a named person of an agency or of a community group.' }) }),
});

definePlanMutation({
  name: 'addPlanPartner',
  command: 'AddPlanPartner',
  description: 'Adds a representative of a partner agency or community group; one per agency or group, so a second replaces the first.',
  fields: (t) => ({
    representative: t.field({
      type: PersonInput,
      required: true,
      description: 'The representative: a named person of an agency or of a community group. One already there for that agency or group is replaced.',
    }),
  }),
});

definePlanMutation({
  name: 'removePlanPartner',
  command: 'RemovePlanPartner',
  description: 'Removes the agency’s or group’s representative, with a reason.',
  fields: (t) => ({
    representative: t.field({ type: RepresentsInput, required: true, description: 'The agency or community group whose representative leaves (`PLAN_PARTNER_NOT_FOUND` if it has none on the plan).' }),
    reason: t.string({ required: true, description: 'Up to 500 characters.' }),
  }),
});

definePlanMutation({
  name: 'addRaisingParty',
  command: 'AddRaisingParty',
  description: 'Records another party who raised the problem; they too must be satisfied before the plan closes.',
  fields: (t) => ({
    party: t.field({
      type: RaisingPartyInput,
      required: true,
      description: 'The party. Its `partyId` must be new on this plan (`PLAN_PARTY_ALREADY_RAISED`), unless it names the same party again, which changes nothing.',
    }),
  }),
  // A resident is given a person id, the key their name and contact are sealed under.
  prepare: (_ctx, _id, fields, options) => {
    const party = fields.party as Parameters<typeof withResidentsIdentified>[0][number] | undefined;
    return party && typeof party === 'object' ? { ...fields, party: withResidentsIdentified([party], options)[0] } : fields;
  },
});
