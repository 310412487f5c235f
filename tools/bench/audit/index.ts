export { auditPart } from './audit.part';
