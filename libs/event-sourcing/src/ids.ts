import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids (uuid v7): they sort by creation time, which keeps B-tree inserts local. */
export const newEventId = (): string => uuidv7();
export const newId = (): string => uuidv7();
