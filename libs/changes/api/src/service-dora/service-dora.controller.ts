import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { ChangeRead } from '../shared/change-endpoint.decorators';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { ChangesErrorsInterceptor, notFound } from '../shared/changes-errors.interceptor';
import { IdParams } from '../shared/id.params';
import { timeRangeOf } from '../shared/time-range';
import { DeliveryConsistency } from './delivery-consistency';
import { DORA_MAX_DAYS, ServiceDoraQuery } from './service-dora.query.dto';
import { ServiceDoraResponse } from './service-dora.response';

/**
 * Under /services, but served by the changes context: the gateway forwards `services/:id/dora` to the changes process
 * (a nested route of its own, before the catalog's `services`).
 */
@ApiTags('changes')
@Controller('api/v1/services')
@UseInterceptors(ChangesErrorsInterceptor)
export class ServiceDoraController {
  constructor(
    @Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort,
    private readonly consistency: DeliveryConsistency,
  ) {}

  @Get(':id/dora')
  @ChangeRead(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'DORA metrics of a service',
    description:
      'Over [from, to), from the change log and the changes’ copy of incidents: deployment frequency (changes completed per day), ' +
      'change lead time (raised → completed: median and p90), change failure rate (failed, backed out or caused an incident, over ' +
      'completed), failed-deployment recovery time (the first incident a failed change caused, opened → resolved: median) and rework ' +
      'rate (completed within 7 days after a failed change on the service, over completed). Each figure gives its numerator, ' +
      `denominator and the change and incident numbers behind it. from and to are RFC 3339 instants, to after from, at most ${DORA_MAX_DAYS} days later.`,
  })
  @ApiOkResponse({ type: ServiceDoraResponse })
  async dora(@Param() { id }: IdParams, @Query() query: ServiceDoraQuery, @WaitForPosition() position: number | undefined): Promise<ServiceDoraResponse> {
    const { from, to } = timeRangeOf(query.from, query.to, DORA_MAX_DAYS) as { from: Date; to: Date };
    await this.consistency.readAfter(position);
    const dora = await this.readModels.dora.forService(id, { from, to });
    if (dora === null) throw notFound('service', id);
    return dora;
  }
}
