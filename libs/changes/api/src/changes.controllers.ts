import { AssessChangeRiskController } from './assess-change-risk/assess-change-risk.controller';
import { CancelChangeController } from './cancel-change/cancel-change.controller';
import { ChangeConflictsController } from './change-conflicts/change-conflicts.controller';
import { ChangeGateController } from './change-gate/change-gate.controller';
import { ChangeHistoryController } from './change-history/change-history.controller';
import { ChangeScheduleController } from './change-schedule/change-schedule.controller';
import { CloseChangeController } from './close-change/close-change.controller';
import { CompleteChangeController } from './complete-change/complete-change.controller';
import { DeclareFreezeWindowController } from './declare-freeze-window/declare-freeze-window.controller';
import { GetChangeController } from './get-change/get-change.controller';
import { GetFreezeWindowController } from './get-freeze-window/get-freeze-window.controller';
import { LiftFreezeWindowController } from './lift-freeze-window/lift-freeze-window.controller';
import { ListChangesController } from './list-changes/list-changes.controller';
import { ListFreezeWindowsController } from './list-freeze-windows/list-freeze-windows.controller';
import { RaiseChangeController } from './raise-change/raise-change.controller';
import { RecordApprovalDecisionController } from './record-approval-decision/record-approval-decision.controller';
import { RecordPirController } from './record-pir/record-pir.controller';
import { RiskBacktestController } from './risk-backtest/risk-backtest.controller';
import { ServiceDoraController } from './service-dora/service-dora.controller';
import { StartChangeController } from './start-change/start-change.controller';
import { SubmitChangeController } from './submit-change/submit-change.controller';
import { SwitchChangeTypeController } from './switch-change-type/switch-change-type.controller';
import { UpdateChangeController } from './update-change/update-change.controller';

/**
 * Every changes route, one controller per use case (`src/<use-case>/`). Fixed paths before parameterised ones:
 * `GET /changes/schedule` must be registered before `GET /changes/:id`, or `schedule` would be taken for an id.
 */
export const CHANGES_CONTROLLERS = [
  ChangeScheduleController,
  RiskBacktestController,
  ListChangesController,
  RaiseChangeController,
  GetChangeController,
  UpdateChangeController,
  SwitchChangeTypeController,
  SubmitChangeController,
  AssessChangeRiskController,
  RecordApprovalDecisionController,
  StartChangeController,
  CompleteChangeController,
  RecordPirController,
  CloseChangeController,
  CancelChangeController,
  ChangeHistoryController,
  ChangeConflictsController,
  ChangeGateController,
  DeclareFreezeWindowController,
  ListFreezeWindowsController,
  GetFreezeWindowController,
  LiftFreezeWindowController,
  ServiceDoraController,
];
