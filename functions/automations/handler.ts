import { automationRoutes } from '../../shared/automations/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { cancelStepRoute } from './cancel-automation-step';
import { getRunRoute } from './get-automation-run';
import { getAutomationsRoute } from './get-automations';
import { getLeadAutomationsRoute } from './get-lead-automations';
import { listAllRunsRoute } from './list-all-automation-runs';
import { listRunsRoute } from './list-automation-runs';
import { listStepsRoute } from './list-automation-steps';
import { retryRunRoute } from './retry-automation-run';
import { updateAutomationsRoute } from './update-automations';

export const handler = httpModule([
  bind(automationRoutes.get, getAutomationsRoute),
  bind(automationRoutes.update, updateAutomationsRoute),
  bind(automationRoutes.listRuns, listRunsRoute),
  bind(automationRoutes.getRun, getRunRoute),
  bind(automationRoutes.retryRun, retryRunRoute),
  bind(automationRoutes.listAllRuns, listAllRunsRoute),
  bind(automationRoutes.listSteps, listStepsRoute),
  bind(automationRoutes.cancelStep, cancelStepRoute),
  bind(automationRoutes.leadAutomations, getLeadAutomationsRoute),
]);
