export { relayPart } from './relay.part';
