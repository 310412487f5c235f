/** The four bounded contexts that publish events. */
export type Context = 'incidents' | 'changes' | 'catalog' | 'finance';

/** `itsm.<context>.events.v1` (DESIGN §4). */
export const eventsTopic = (context: Context | string): string => `itsm.${context}.events.v1`;

/** Where poison messages of a topic go after bounded retries. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
