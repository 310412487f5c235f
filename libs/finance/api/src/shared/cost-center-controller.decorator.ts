import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** The collection's path under the gateway's prefix; the gateway routes its first segment to the finance process. */
export const COST_CENTER_ROUTE = 'api/v1/finance/cost-centers';

/** A finance controller under /api/v1/finance/cost-centers. */
export const CostCenterController = () => applyDecorators(ApiTags('finance'), Controller(COST_CENTER_ROUTE));
