export { changesPart } from './changes.part';
