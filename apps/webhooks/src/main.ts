import { reportStartFailure, serveContextApp } from '@itsm/platform-kit';
import { createWebhooksApp } from './app/create-webhooks-app';

serveContextApp('webhooks', createWebhooksApp, { projectionsFollowKafka: true }).catch(reportStartFailure);
