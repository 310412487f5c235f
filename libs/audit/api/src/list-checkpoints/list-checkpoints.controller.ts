import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AUDIT_ORIGIN, AUDIT_SIGNER, checkpointView, SqlAuditTree } from '@itsm/audit-application';
import type { NoteSigner } from '@itsm/audit-domain';
import { PageQuery } from '@itsm/platform-kit';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorNumber, pageOf, pageSizeOf } from '@itsm/projections';
import { AuditController } from '../shared/audit-controller.decorator';
import { IntegrityReaders } from '../shared/audit-roles';
import { CheckpointPageResponse } from '../shared/responses';

const isCheckpointsCursor = cursorKeyOf<{ before: number }>({ before: isCursorNumber });

@AuditController()
export class ListCheckpointsController {
  constructor(
    private readonly tree: SqlAuditTree,
    @Inject(AUDIT_SIGNER) private readonly signer: NoteSigner,
    @Inject(AUDIT_ORIGIN) private readonly origin: string,
  ) {}

  @Get('checkpoints')
  @IntegrityReaders()
  @ApiOperation({
    summary: 'Signed checkpoints of the audit log',
    description:
      'Newest first, cursor pages. Each is a C2SP checkpoint (origin, tree size, RFC 6962 root, time, position) in a signed note, Ed25519; ' +
      '`verifierKey` checks them. Keep copies outside the database (ITSM_AUDIT_CHECKPOINT_COPY_DIR): `itsm verify` then catches a rewritten log even with the database rewritten too.',
  })
  @ApiOkResponse({ type: CheckpointPageResponse })
  async list(@Query() query: PageQuery): Promise<CheckpointPageResponse> {
    const limit = pageSizeOf(query.limit);
    const before = query.cursor ? decodeCursor(query.cursor, isCheckpointsCursor).before : undefined;
    const rows = await this.tree.listCheckpoints({ before, limit: limit + 1 });
    const page = pageOf(rows, limit, checkpointView, (row) => encodeCursor({ before: row.treeSize }));
    return { ...page, origin: this.origin, verifierKey: this.signer.verifier.text };
  }
}
