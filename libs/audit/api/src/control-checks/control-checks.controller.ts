import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { LiveControlChecks } from '@itsm/audit-application';
import type { ControlReport } from '@itsm/audit-domain';
import { ApiProblemResponses } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { AuditorsOnly } from '../shared/audit-roles';

@AuditController()
export class ControlChecksController {
  constructor(private readonly controls: LiveControlChecks) {}

  @Get('controls')
  @AuditorsOnly()
  @ApiProblemResponses()
  @ApiOperation({
    summary: 'Control checks over the whole log',
    description:
      'Computed from the events themselves (not from read models), up to the log’s head when asked: incidents that breached an SLA ' +
      'without an escalation, work logged by someone without the agent role, changes implemented before approval, requesters or ' +
      'implementers approving their own change, and emergency changes closed without a post-implementation review. Each finding ' +
      'cites the event ids that prove it; `controls` gives each control’s rule, limits and count. The first request reads the whole ' +
      'log; later ones only what was appended since. Auditors only (findings name people).',
  })
  @ApiOkResponse({ description: '`eventsRead`, `lastPosition`, `controls` (id, title, rule, findings) and `findings` (control, streamId, number, summary, eventIds, evidence)' })
  report(): Promise<ControlReport> {
    return this.controls.report();
  }
}
