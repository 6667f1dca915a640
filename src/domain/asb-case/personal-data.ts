/**
 * Personal data on an ASB case: who a victim, witness or subject is and how to
 * reach them (DOMAIN.md: need-to-know only). It enters a case's events in one
 * shape and by one path, so that a later change can encrypt it per person
 * (crypto-shredding: each person's key, thrown away, erases them from every
 * event at once) without touching the decider:
 *
 * - the shape is `PersonRecord`: the person's stable `personId` and their
 *   `PersonalDetails`;
 * - an event carries at most one, always in its top-level `person` field,
 *   made by `carryPerson` and read back by `personCarriedBy`;
 * - everything else on the case names people by `personId` alone.
 *
 * Read back, an erased person's `details` are null: the rules that need them
 * (a date of birth) then find nothing, as for details never recorded, and
 * nothing more can be recorded about them.
 *
 * What the rules need to read and is not a person's identity stays outside:
 * a household key, vulnerability flags, risk answers, an age band, the age on
 * the day an intervention was issued.
 */
import { z } from 'zod';
import { calendarDate, plainText } from '../shared/values.js';
import { ageOn } from './calendar.js';

/** The id the application gives a person once, used on every case they appear in: the key their data is encrypted under. */
export const personIdSchema = z.uuid({ message: 'a person id: the uuid the application gives each person' });

export const personalDetailsSchema = z.object({
  name: plainText(160, 'the name'),
  /** Needed where the Act turns on age: a CPN (16 or more), a civil injunction (10 or more; 12 months at most under 18). */
  dateOfBirth: calendarDate.optional(),
  address: plainText(400, 'the address').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a telephone number: digits, spaces, brackets and hyphens, e.g. 01924 123456')
    .optional(),
  email: z.email({ message: 'an email address' }).optional(),
  /** How and when the person wants to be contacted (a safe time, an interpreter, a relative to call). */
  contactNote: plainText(500, 'the contact note').optional(),
});
export type PersonalDetails = z.infer<typeof personalDetailsSchema>;

/**
 * A person as an event carries them. `details` is null once the person is
 * erased: their key is destroyed, and every event that carried their details
 * reads back with none (crypto-shredding, done beneath the domain).
 */
export const personRecordSchema = z.object({ personId: personIdSchema, details: personalDetailsSchema.nullable() });
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** The one way personal data goes into an event: spread the result into it. */
export function carryPerson(personId: string, details: PersonalDetails): { readonly person: PersonRecord } {
  return { person: { personId, details } };
}

/** The one way to find it again in any case event, for the encryption and for erasure. */
export function personCarriedBy(event: object): PersonRecord | null {
  if (!('person' in event)) return null;
  return (event as { person: PersonRecord }).person;
}

/** A key the application gives an address (a UPRN, or its own id): households are matched on it, never on the address itself. */
export const householdKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_-]{0,63}$/, 'a household key: letters, digits, colons, underscores or hyphens, up to 64 (a UPRN, say)');

/**
 * The bands the Act's age limits cut: 10 (civil injunction), 16 (CPN), 18
 * (an injunction of at most 12 months). Kept with a subject so that whether
 * a child is involved can be read without their date of birth.
 */
export const ageBandSchema = z.enum(['under-10', '10-15', '16-17', '18-plus', 'unknown']);
export type AgeBand = z.infer<typeof ageBandSchema>;

export function ageBandOf(age: number): AgeBand {
  if (age < 10) return 'under-10';
  if (age < 16) return '10-15';
  if (age < 18) return '16-17';
  return '18-plus';
}

export function ageBandOn(dateOfBirth: string | undefined, day: string): AgeBand {
  return dateOfBirth === undefined ? 'unknown' : ageBandOf(ageOn(dateOfBirth, day));
}

export function isChild(band: AgeBand): boolean {
  return band === 'under-10' || band === '10-15' || band === '16-17';
}
