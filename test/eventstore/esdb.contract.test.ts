import { connectEventStoreDb } from '../../src/eventstore/esdb.js';
import { whenEventStoreDb } from '../support/eventstoredb.js';
import { eventStoreContract } from './contract.js';

whenEventStoreDb('EventStore contract: EventStoreDB', (connectionString) => {
  eventStoreContract('EventStoreDB', () => connectEventStoreDb(connectionString));
});
