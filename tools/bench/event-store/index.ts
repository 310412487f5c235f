export { eventStorePart } from './event-store.part';
