import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckpointView } from '@itsm/audit-application';
import type { RecordedEvent } from '@itsm/event-sourcing';

export class ActorResponse {
  @ApiProperty({ example: 'alice' }) id!: string;
  @ApiPropertyOptional({ example: 'agent' }) role?: string;
  @ApiPropertyOptional({ example: 'api' }) via?: string;
}

/** An event exactly as recorded (not upcast): the envelope of DESIGN §3 with its position and hash. */
export class AuditEventResponse {
  @ApiProperty({ example: 1042 }) globalPosition!: number;
  @ApiProperty({ example: 'incident-0193a1c2-5d7e-7b3a-9f10-2c4d6e8f0a1b' }) streamId!: string;
  @ApiProperty({ example: 3 }) streamRevision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'IncidentAssigned' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) traceparent!: string | null;
  @ApiProperty({ description: 'sha256(previous hash in the stream + canonical JSON of the event), hex' }) hash!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event’s facts, as recorded' }) data!: unknown;

  static of(event: RecordedEvent): AuditEventResponse {
    const { globalPosition, streamId, streamRevision, eventId, type, schemaVersion, occurredAt, recordedAt, actor, correlationId, causationId, traceparent, hash, data } = event;
    return { globalPosition, streamId, streamRevision, eventId, type, schemaVersion, occurredAt, recordedAt, actor, correlationId, causationId, traceparent, hash, data };
  }
}

export class AuditEventPageResponse {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A signed tree head of the audit log (C2SP checkpoint; docs/audit-hashing.md). */
export class CheckpointResponse implements CheckpointView {
  @ApiProperty({ example: 12000, description: 'Events (leaves) the tree holds' }) treeSize!: number;
  @ApiProperty({ description: 'RFC 6962 root hash, hex' }) rootHash!: string;
  @ApiProperty({ example: 12017, description: 'Global position of the tree’s last event' }) lastPosition!: number;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ example: 'itsm.local/audit' }) keyName!: string;
  @ApiProperty({ example: '6c1a32f0' }) keyId!: string;
  @ApiProperty({ description: 'The signed note exactly as signed (body, blank line, Ed25519 signature line)' }) note!: string;
}

export class CheckpointPageResponse {
  @ApiProperty({ type: [CheckpointResponse], description: 'Newest first' }) items!: CheckpointResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ example: 'itsm.local/audit', description: 'The origin line every checkpoint starts with' }) origin!: string;
  @ApiProperty({ description: 'The verifier key (signed-note form <name>+<key id>+<base64 key>) that checks the signatures' }) verifierKey!: string;
}

export class InclusionProofResponse {
  @ApiProperty() globalPosition!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'The event’s leaf index: its place in global order' }) leafIndex!: number;
  @ApiProperty({ description: 'SHA-256(0x00 ‖ leaf), hex' }) leafHash!: string;
  @ApiProperty({ description: 'The leaf bytes (layout 1), base64: recompute them from the event to check' }) leaf!: string;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [String], description: 'RFC 6962 audit path, deepest first, hex' }) proof!: string[];
  @ApiProperty({ type: CheckpointResponse }) checkpoint!: CheckpointResponse;
  @ApiProperty({ description: 'The proof verified against the checkpoint’s root before it was sent' }) verified!: boolean;
}

export class ConsistencyProofResponse {
  @ApiProperty({ type: CheckpointResponse }) from!: CheckpointResponse;
  @ApiProperty({ type: CheckpointResponse }) to!: CheckpointResponse;
  @ApiProperty({ type: [String], description: 'RFC 6962 consistency proof, hex' }) proof!: string[];
  @ApiProperty({ description: 'The proof verified against both roots before it was sent' }) verified!: boolean;
}

/** One event of a record's timeline (`itsm audit`). */
export class TimelineEntryResponse {
  @ApiProperty({ example: 2 }) revision!: number;
  @ApiProperty({ example: 1042 }) globalPosition!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
  @ApiProperty({ example: 'IncidentAssigned' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts the event recorded (the fields it set or changed)' }) changes!: unknown;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
}

export class RecordTimelineResponse {
  @ApiProperty({ example: 'INC0000042', description: 'What was asked for' }) reference!: string;
  @ApiProperty({ example: 'incident-0193a1c2-5d7e-7b3a-9f10-2c4d6e8f0a1b' }) streamId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'INC0000042' }) number!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) asOf!: string | null;
  @ApiProperty({ type: [TimelineEntryResponse] }) entries!: TimelineEntryResponse[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: '`{ ok: true }`, or `{ ok: false, failure }` naming the first event whose chain does not hold' }) chain!: unknown;
}
