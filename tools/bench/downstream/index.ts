export { downstreamPart, DOWNSTREAM_CASES } from './downstream.part';
