export { latencyPart } from './latency.part';
