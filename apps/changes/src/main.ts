import { reportStartFailure, serveContextApp } from '@itsm/platform-kit';
import { createChangesApp } from './app/create-changes-app';

serveContextApp('changes', createChangesApp, { projectionsFollowKafka: true }).catch(reportStartFailure);
