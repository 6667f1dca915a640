import { actionsProjection } from './actions.js';
import { asbCasesProjection } from './asb-cases.js';
import { disclosuresProjection } from './disclosures.js';
import type { AnyProjection } from './projection.js';
import { partnershipProjection } from './partnership.js';
import { personalDataStandingsProjection } from './personal-data-standings.js';
import { neighbourhoodsProjection } from './neighbourhoods.js';
import { plansProjection } from './plans.js';
import { streamCatalogueProjection } from './stream-catalogue.js';

/** Every read model an API instance keeps. */
export const allProjections: readonly AnyProjection[] = [streamCatalogueProjection, partnershipProjection, plansProjection, neighbourhoodsProjection, actionsProjection, asbCasesProjection, disclosuresProjection, personalDataStandingsProjection];
