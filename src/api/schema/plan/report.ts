/** `planReport`: a plan written up as a problem-solving award entry, in Markdown, from the record alone. */
import { planReport } from '../../reports/plan-report.js';
import { builder } from '../builder.js';

builder.queryField('planReport', (t) =>
  t.string({
    nullable: true,
    description:
      'The plan written up as a problem-solving award entry (Tilley and Goldstein awards), in Markdown: the title and reference, stage, owner, partners and who raised it; a summary of at most 400 words; then Scanning, Analysis (the problem matrix, the problem analysis triangle with its controllers, hypotheses, data used), Response (each strand with its communication strategy, the response actions) and Assessment (results per objective, the process evaluation, what worked and what did not, displacement by each of its five kinds, diffusion of benefits, the closure and every raiser’s sign-off). Composed from the record alone; a section with nothing recorded says “Not recorded yet.”. Null if there is no such plan, or none the caller may see.',
    args: { id: t.arg.globalID({ required: true, description: 'The plan’s global id.' }) },
    resolve: (_root, { id }, ctx) => {
      if (id.typename !== 'Plan') return null;
      const view = ctx.records.plan(id.id);
      return view ? planReport(view) : null;
    },
  }),
);
