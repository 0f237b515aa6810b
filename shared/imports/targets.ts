import type { ImportTargetName } from './contracts';
import { leadsTarget } from './leads-target';
import type { AnyImportTarget } from './target';

/** Every target an import can fill; a new one (attendees of a conference) is one more entry. */
const targets: Record<ImportTargetName, AnyImportTarget> = {
  leads: leadsTarget,
};

export const targetOf = (name: ImportTargetName): AnyImportTarget => targets[name];
