import { observeDecidedEvents } from '@itsm/event-sourcing';
import { PublishedSchemaValidator } from './published-schema-validator';

/*
 * Jest setup (`setupFilesAfterEnv`) of every domain project: each event a decider returns in a given/when/then
 * specification must match the published JSON Schema of its type, or that `then` fails.
 */
const validator = new PublishedSchemaValidator();
observeDecidedEvents((events) => {
  for (const event of events) validator.assertMatches(event);
});
