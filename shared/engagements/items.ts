import * as z from '../schema/zod';
import { noteView, taskStatus } from './contracts';

/**
 * Counts as stored. Summaries and versions written before started and unexplained tasks were told apart
 * lack `inProgress` and `unknown`: those read as 0, which is what they counted as when they were written.
 */
const storedCounts = z.object({
  total: z.number().check(z.int()),
  done: z.number().check(z.int()),
  inProgress: z._default(z.number().check(z.int()), 0),
  pending: z.number().check(z.int()),
  skipped: z.number().check(z.int()),
  unknown: z._default(z.number().check(z.int()), 0),
  percentComplete: z.number().check(z.int()),
});

const markerStatus = z.object({ marker: z.string(), status: taskStatus });

/** Summaries stored before markers were counted have no `markers` and no `legend`. */
const checklistSummaryItem = z.object({
  phases: z.readonly(
    z.array(
      z.object({
        number: z.nullable(z.number().check(z.int())),
        title: z.string(),
        counts: storedCounts,
        markers: z.optional(
          z.readonly(z.array(z.object({ marker: z.string(), count: z.number().check(z.int()) }))),
        ),
      }),
    ),
  ),
  totals: storedCounts,
  currentPhase: z.nullable(
    z.object({
      index: z.number().check(z.int()),
      number: z.nullable(z.number().check(z.int())),
      title: z.string(),
    }),
  ),
  taskCount: z.number().check(z.int()),
  legend: z.optional(z.readonly(z.array(markerStatus))),
});

/** An engagement as stored: the current version of its checklist and that version's summary. */
export const engagementItem = z.object({
  id: z.string(),
  orgId: z.string(),
  organizationName: z.string(),
  projectName: z.string(),
  /** The checklist's version; each version is its own immutable S3 object. */
  version: z.number().check(z.int()),
  /** The current version's S3 object. */
  objectKey: z.string(),
  /** Moves on with every write (file, settings, notes): the guard of the conditional write. */
  revision: z.number().check(z.int()),
  clientCanEditTasks: z.boolean(),
  summary: checklistSummaryItem,
  /** The version of the organization's marker settings `summary` was counted with (absent: none yet). */
  markersVersion: z.optional(z.number().check(z.int())),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EngagementItem = z.infer<typeof engagementItem>;

/** One version of the checklist in its history. */
export const versionItem = z.object({
  version: z.number().check(z.int()),
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
  version: z.number().check(z.int()),
  markers: z.readonly(z.array(markerStatus)),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type MarkerSettingsItem = z.infer<typeof markerSettingsItem>;
