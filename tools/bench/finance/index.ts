export { financePart } from './finance.part';
