import { reportStartFailure, serveContextApp } from '@itsm/platform-kit';
import { createIncidentsApp } from './app/create-incidents-app';

serveContextApp('incidents', createIncidentsApp, { projectionsFollowKafka: true }).catch(reportStartFailure);
