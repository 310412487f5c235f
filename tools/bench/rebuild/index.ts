export { rebuildPart } from './rebuild.part';
