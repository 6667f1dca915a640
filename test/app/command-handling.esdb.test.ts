import { connectEventStoreDb } from '../../src/eventstore/esdb.js';
import { whenEventStoreDb } from '../support/eventstoredb.js';
import { commandHandlingContract } from './command-handling.contract.js';

whenEventStoreDb('command handling: EventStoreDB', (connectionString) => {
  // A second client on the same node stands for a restarted process.
  commandHandlingContract('EventStoreDB', async () => ({
    store: await connectEventStoreDb(connectionString),
    reopen: () => connectEventStoreDb(connectionString),
  }));
});
