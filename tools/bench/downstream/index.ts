export { downstreamPart } from './downstream.part';
