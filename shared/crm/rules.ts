import type { JobStatus, LeadStatus } from './contracts';

/**
 * The pipeline's rules as data and pure functions, so they are tested without a table. The contract's
 * comments on `leadStatus` and `jobStatus` describe the same moves for API users.
 */

export const openLeadStatuses: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];

export const isOpenLead = (status: LeadStatus): boolean => openLeadStatuses.includes(status);

const leadMoves: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'won', 'lost'],
  contacted: ['qualified', 'won', 'lost'],
  qualified: ['won', 'lost'],
  won: [],
  lost: ['new'],
};

const jobMoves: Record<JobStatus, readonly JobStatus[]> = {
  scheduled: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const canMoveLead = (from: LeadStatus, to: LeadStatus): boolean => leadMoves[from].includes(to);

export const canMoveJob = (from: JobStatus, to: JobStatus): boolean => jobMoves[from].includes(to);

/** The statuses a lead may move to next, for error messages and the frontend's buttons. */
export const nextLeadStatuses = (from: LeadStatus): readonly LeadStatus[] => leadMoves[from];

export const nextJobStatuses = (from: JobStatus): readonly JobStatus[] => jobMoves[from];

/** A phone number reduced to its digits: `+1 (312) 555-0101` and `1.312.555.0101` are the same number. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

export interface ContactKey {
  readonly kind: 'email' | 'phone';
  readonly value: string;
}

/**
 * What makes two leads the same person: the lower-cased email and the phone's digits. An open lead holds
 * these keys, so a second open lead with the same email or phone is refused as a duplicate; a won or
 * lost lead holds none.
 */
export const contactKeys = (lead: {
  status: LeadStatus;
  email: string | null;
  phone: string | null;
}): ContactKey[] => {
  if (!isOpenLead(lead.status)) return [];
  const keys: ContactKey[] = [];
  if (lead.email) keys.push({ kind: 'email', value: lead.email.toLowerCase() });
  if (lead.phone) keys.push({ kind: 'phone', value: phoneDigits(lead.phone) });
  return keys;
};

const sameKey = (a: ContactKey, b: ContactKey) => a.kind === b.kind && a.value === b.value;

/** The contact keys to release and to claim when a lead changes from `before` to `after`. */
export const contactKeyChanges = (before: ContactKey[], after: ContactKey[]) => ({
  release: before.filter((key) => !after.some((other) => sameKey(key, other))),
  claim: after.filter((key) => !before.some((other) => sameKey(key, other))),
});

/** Lower-case text a search matches against: name, email and the phone's digits. */
export const leadSearchText = (lead: { name: string; email: string | null; phone: string | null }): string =>
  [lead.name.toLowerCase(), lead.email ?? '', lead.phone ? phoneDigits(lead.phone) : ''].join(' ').trim();

export const jobSearchText = (job: {
  title: string;
  address: string;
  customer: { name: string; email: string | null; phone: string | null };
}): string =>
  [
    job.customer.name.toLowerCase(),
    job.customer.email ?? '',
    job.customer.phone ? phoneDigits(job.customer.phone) : '',
    job.title.toLowerCase(),
    job.address.toLowerCase(),
  ]
    .join(' ')
    .trim();

/**
 * A search query as stored text is matched: lower-cased, and a query that looks like a phone number
 * (only digits and phone punctuation, at least three digits) reduced to its digits.
 */
export const searchTerm = (query: string): string => {
  const trimmed = query.trim().toLowerCase();
  if (/^[\d\s()+.-]+$/.test(trimmed) && phoneDigits(trimmed).length >= 3) return phoneDigits(trimmed);
  return trimmed;
};
