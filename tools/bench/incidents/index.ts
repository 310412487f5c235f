export { incidentsPart } from './incidents.part';
