/** Where a person's personal data stands for the caller: one enum for the people on cases and the residents who raise plans. */
import { builder } from './builder.js';

export type PersonalDataStatus = 'shown' | 'withheld' | 'restricted' | 'erased';

export const PersonalDataStatusEnum = builder.enumType('PersonalDataStatus', {
  description: 'Where a person’s personal data on a record stands, for the caller.',
  values: {
    shown: { value: 'shown', description: 'The caller reads it: its agency is on the record, or it is an auditor.' },
    withheld: { value: 'withheld', description: 'Need-to-know: the caller’s agency is not on the record.' },
    restricted: {
      value: 'restricted',
      description: 'Restricted (DPA 2018 s.47(2)): kept as evidence, read by auditors only (on a case, each read recorded in the disclosure ledger). Null for anyone else, the agencies on the record included.',
    },
    erased: {
      value: 'erased',
      description: 'Erased: the person’s key is destroyed, and their personal data is gone from every event, history and past view. The rest of the record, and its hash chain, stay whole.',
    },
  } as const,
});
