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
