import { AssignIncidentController } from './assign-incident/assign-incident.controller';
import { CancelIncidentController } from './cancel-incident/cancel-incident.controller';
import { CloseIncidentController } from './close-incident/close-incident.controller';
import { EscalateIncidentController } from './escalate-incident/escalate-incident.controller';
import { GetIncidentController } from './get-incident/get-incident.controller';
import { HoldIncidentController } from './hold-incident/hold-incident.controller';
import { IncidentChildrenController } from './incident-children/incident-children.controller';
import { IncidentHistoryController } from './incident-history/incident-history.controller';
import { IncidentSlaController } from './incident-sla/incident-sla.controller';
import { LinkIncidentController } from './link-incident/link-incident.controller';
import { ListIncidentsController } from './list-incidents/list-incidents.controller';
import { LogIncidentWorkController } from './log-incident-work/log-incident-work.controller';
import { MajorIncidentController } from './major-incident/major-incident.controller';
import { OpenIncidentController } from './open-incident/open-incident.controller';
import { ReopenIncidentController } from './reopen-incident/reopen-incident.controller';
import { ResolveIncidentController } from './resolve-incident/resolve-incident.controller';
import { ResumeIncidentController } from './resume-incident/resume-incident.controller';
import { StartIncidentController } from './start-incident/start-incident.controller';
import { UpdateIncidentController } from './update-incident/update-incident.controller';

/** Every incidents route of DESIGN §7, one controller per use case. */
export const INCIDENTS_CONTROLLERS = [
  OpenIncidentController,
  ListIncidentsController,
  GetIncidentController,
  UpdateIncidentController,
  AssignIncidentController,
  StartIncidentController,
  HoldIncidentController,
  ResumeIncidentController,
  ResolveIncidentController,
  CloseIncidentController,
  ReopenIncidentController,
  CancelIncidentController,
  EscalateIncidentController,
  LogIncidentWorkController,
  LinkIncidentController,
  MajorIncidentController,
  IncidentHistoryController,
  IncidentSlaController,
  IncidentChildrenController,
];
