import { reportStartFailure, serveContextApp } from '@itsm/platform-kit';
import { createFinanceApp } from './app/create-finance-app';

serveContextApp('finance', createFinanceApp, { projectionsFollowKafka: true }).catch(reportStartFailure);
