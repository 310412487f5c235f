import { Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { FINANCE_SETTINGS, type FinanceSettings } from '@itsm/finance-application';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';

export class FinanceSettingsResponse {
  @ApiProperty({ example: 'EUR', description: 'ITSM_FINANCE_REPORTING_CURRENCY: what statements and totals are reported in' })
  reportingCurrency!: string;
}

@FinanceController('settings')
export class FinanceSettingsController {
  constructor(@Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings) {}

  @Get()
  @FinanceRead()
  @ApiOperation({ summary: 'Finance’s settings' })
  @ApiOkResponse({ type: FinanceSettingsResponse })
  get(): FinanceSettingsResponse {
    return { reportingCurrency: this.settings.reportingCurrency };
  }
}
