/**
 * What other modules may use of the CRM: leads and jobs as stored (reads, the import's upsert, the
 * duplicate check), the public form's capture, contact rules and CSV rows.
 */
export { csvRow } from './csv';
export { captureFormLead } from './lead-capture';
export {
  findOpenLeadsByContact,
  type GuardedWrite,
  getJob,
  getLead,
  getWithOrganization,
  type JobItem,
  type LeadItem,
  listJobs,
  listLeads,
  upsertLeads,
} from './repository';
export { type ContactKey, contactKeys, phoneDigits } from './rules';
