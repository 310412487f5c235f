export { embeddedPart } from './embedded.part';
