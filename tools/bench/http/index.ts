export { httpPart } from './http.part';
