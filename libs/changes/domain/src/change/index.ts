export * from './commands';
export * from './events';
export type { Change, RaisedChange, InitialChange } from './state';
export { evolve as evolveChange, initialState as initialChange } from './state';
export { changeDecider, SHORT_DESCRIPTION_MAX_LENGTH } from './decide';
