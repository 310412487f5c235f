export { createExclusiveSections, type ExclusiveSections } from './exclusive-sections';
export { InProcessMutex } from './in-process-mutex';
