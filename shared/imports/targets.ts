import { attendeesTarget } from './attendees-target';
import type { ImportTargetName } from './contracts';
import { leadsTarget } from './leads-target';
import type { AnyImportTarget } from './target';

/** Every target an import can fill; a new one is one more entry. */
const targets: Record<ImportTargetName, AnyImportTarget> = {
  leads: leadsTarget,
  attendees: attendeesTarget,
};

export const targetOf = (name: ImportTargetName): AnyImportTarget => targets[name];
