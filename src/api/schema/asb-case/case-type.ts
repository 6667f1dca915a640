/**
 * The `AsbCase` node: an anti-social behaviour case with its incidents,
 * victims, witnesses and subjects, the shared risk assessment, interventions,
 * referrals and case reviews, as the cases read model holds it. The people's
 * personal details go only to the agencies on the case, and to auditors.
 */
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';

export const AsbCaseRef = builder.objectRef<AsbCaseView>('AsbCase');

builder.node(AsbCaseRef, {
  description: 'An anti-social behaviour case (seed 004, paras 15 to 19): incidents, victims, witnesses and subjects, the shared victim risk assessment, interventions, referrals and case reviews.',
  id: { resolve: (v) => v.caseId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'caseId' in value && 'asbCase' in value,
  loadOne: (id, ctx: GraphQLContext) => ctx.records.asbCase(id) ?? null,
  // The access policy again, on every case served (see the same on Plan).
  authScopes: (view) => ({ seesCase: view }),
  fields: (t) => ({
    reference: t.string({ description: 'The human reference, e.g. ASB-2026-0131.', resolve: (v) => v.asbCase.reference }),
    revision: t.int({ description: 'The stream revision: send it as `expectedRevision` to change the case only as you read it.', resolve: (v) => Number(v.revision) }),
    title: t.string({ description: 'A short title, up to 200 characters.', resolve: (v) => v.asbCase.title }),
  }),
});
