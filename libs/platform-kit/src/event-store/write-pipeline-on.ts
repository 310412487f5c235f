import { schemaVersionOf, upcastEvent } from '@itsm/contracts';
import { WritePipeline, type StreamReaderWriter } from '@itsm/event-sourcing';

/**
 * The kernel's write pipeline as every context uses it: events read back are upcast with the platform's one
 * registry, and written with the schema version their contract names today.
 */
export const writePipelineOn = (store: StreamReaderWriter): WritePipeline => new WritePipeline({ store, upcast: upcastEvent, schemaVersionOf });
