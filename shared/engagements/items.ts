import * as z from 'zod';
import { noteView, taskStatus } from './contracts';

/**
 * Counts as stored. Summaries and versions written before started and unexplained tasks were told apart
 * lack `inProgress` and `unknown`: those read as 0, which is what they counted as when they were written.
 */
const storedCounts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int().default(0),
  pending: z.number().int(),
  skipped: z.number().int(),
  unknown: z.number().int().default(0),
  percentComplete: z.number().int(),
});

const markerStatus = z.object({ marker: z.string(), status: taskStatus });

/** Summaries stored before markers were counted have no `markers` and no `legend`. */
const checklistSummaryItem = z.object({
  phases: z
    .array(
      z.object({
        number: z.number().int().nullable(),
        title: z.string(),
        counts: storedCounts,
        markers: z
          .array(z.object({ marker: z.string(), count: z.number().int() }))
          .readonly()
          .optional(),
      }),
    )
    .readonly(),
  totals: storedCounts,
  currentPhase: z
    .object({ index: z.number().int(), number: z.number().int().nullable(), title: z.string() })
    .nullable(),
  taskCount: z.number().int(),
  legend: z.array(markerStatus).readonly().optional(),
});

/** An engagement as stored: the current version of its checklist and that version's summary. */
export const engagementItem = z.object({
  id: z.string(),
  orgId: z.string(),
  organizationName: z.string(),
  projectName: z.string(),
  /** The checklist's version; each version is its own immutable S3 object. */
  version: z.number().int(),
  /** The current version's S3 object. */
  objectKey: z.string(),
  /** Moves on with every write (file, settings, notes): the guard of the conditional write. */
  revision: z.number().int(),
  clientCanEditTasks: z.boolean(),
  summary: checklistSummaryItem,
  /** The version of the organization's marker settings `summary` was counted with (absent: none yet). */
  markersVersion: z.number().int().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EngagementItem = z.infer<typeof engagementItem>;

/** One version of the checklist in its history. */
export const versionItem = z.object({
  version: z.number().int(),
  objectKey: z.string(),
  at: z.string(),
  author: z.string(),
  change: z.string(),
  totals: storedCounts,
});
export type VersionItem = z.infer<typeof versionItem>;

export const noteItem = noteView;
export type NoteItem = z.infer<typeof noteItem>;

/** An organization's marker settings, once saved. */
export const markerSettingsItem = z.object({
  version: z.number().int(),
  markers: z.array(markerStatus).readonly(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type MarkerSettingsItem = z.infer<typeof markerSettingsItem>;
