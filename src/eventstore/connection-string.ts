/**
 * EventStoreDB connection strings, apart from the client so that checking the
 * configuration does not load it.
 */

/** The client accepts only esdb:// and esdb+discover://; KurrentDB's names for the same schemes are rewritten to them. */
export function clientConnectionString(connectionString: string): string {
  return connectionString.trim().replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//, 'esdb$1://');
}

/** A connection string fit for a log line: the password is never shown. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/(:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
