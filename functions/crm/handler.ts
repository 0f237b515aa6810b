import { crmRoutes } from '../../shared/crm/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { createJobRoute } from './create-job';
import { createLeadRoute } from './create-lead';
import { exportLeadsRoute } from './export-leads';
import { getJobRoute } from './get-job';
import { getLeadRoute } from './get-lead';
import { listJobsRoute } from './list-jobs';
import { listLeadActivityRoute } from './list-lead-activity';
import { listLeadsRoute } from './list-leads';
import { setJobStatusRoute } from './set-job-status';
import { setLeadStatusRoute } from './set-lead-status';
import { updateJobRoute } from './update-job';
import { updateLeadRoute } from './update-lead';

// In the order of `crmRoutes`: the export route must come before `/leads/{leadId}`.
export const handler = httpModule([
  bind(crmRoutes.listLeads, listLeadsRoute),
  bind(crmRoutes.createLead, createLeadRoute),
  bind(crmRoutes.exportLeads, exportLeadsRoute),
  bind(crmRoutes.getLead, getLeadRoute),
  bind(crmRoutes.updateLead, updateLeadRoute),
  bind(crmRoutes.setLeadStatus, setLeadStatusRoute),
  bind(crmRoutes.leadTimeline, listLeadActivityRoute),
  bind(crmRoutes.listJobs, listJobsRoute),
  bind(crmRoutes.createJob, createJobRoute),
  bind(crmRoutes.getJob, getJobRoute),
  bind(crmRoutes.updateJob, updateJobRoute),
  bind(crmRoutes.setJobStatus, setJobStatusRoute),
]);
