import { NUMBERED_SERVICE, NumberedRefParams } from '../shared/numbered-ref';

/** `:id` of GET /services/:id, as people type it: the service id, or its number (SVC0000001). */
export class ServiceRefParams extends NumberedRefParams(NUMBERED_SERVICE) {}
