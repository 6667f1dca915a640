import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './me.js';
import './plan/plan-type.js';
import './plan/queries.js';
import './plan/opening.js';
import './plan/people.js';
import './plan/content.js';
import './plan/progress.js';
import './plan/closure.js';
import './plan/report.js';
import './plan/boards.js';
import './plan/plan-changed.js';
import './action/action-type.js';
import './action/queries.js';
import './action/mutations.js';
import './neighbourhood.js';
import './coordination-agenda.js';
import './asb-case/case-type.js';
import './asb-case/queries.js';
import './asb-case/figures.js';
import './asb-case/alerts.js';
import './asb-case/mutations.js';
import './records/history.js';
import './records/as-of.js';
import './records/integrity.js';
import './records/disclosures.js';
import './records/retention.js';
import './records/data-protection.js';

export function buildSchema() {
  return builder.toSchema({ sortSchema: false });
}
