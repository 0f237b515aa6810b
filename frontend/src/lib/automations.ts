import type {
  AutomationId,
  AutomationSettings,
  AutomationsView,
  RunOutcome,
  RunView,
  StepStatus,
  UpdateAutomationsInput,
} from '../../../shared/automations/contracts';
import { wholeNumber } from './booking';
import type { BadgeTone } from './crm';
import type { FieldErrors } from './form';

/**
 * Automations as the pages show them: labels and badge tones, what a run's trigger means in words, and
 * the editor's drafts — each template's settings as its form holds them (numbers as typed) and back as
 * the part of the API's `PATCH` body that template owns.
 */

export const runOutcomeLabels: Record<RunOutcome, string> = {
  running: 'Running',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  skipped: 'Skipped',
  failed: 'Failed',
};

export const runOutcomeTones: Record<RunOutcome, BadgeTone> = {
  running: 'info',
  retrying: 'info',
  succeeded: 'success',
  skipped: 'neutral',
  failed: 'danger',
};

export const stepStatusLabels: Record<StepStatus, string> = {
  queued: 'Queued',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const stepStatusTones: Record<StepStatus, BadgeTone> = {
  queued: 'info',
  done: 'success',
  skipped: 'neutral',
  failed: 'danger',
  cancelled: 'neutral',
};

/** Which part of the settings (and of the `PATCH` body) each template owns. */
export const settingsKeys = {
  'lead-capture': 'leadCapture',
  'appointment-helper': 'appointmentHelper',
  'follow-up-sequence': 'followUpSequence',
  'review-request': 'reviewRequest',
  'daily-digest': 'dailyDigest',
} as const satisfies Record<AutomationId, keyof AutomationSettings>;

/** A run still at work: its row is looked at again until it settles. */
export const isUnsettled = (outcome: RunOutcome): boolean => outcome === 'running' || outcome === 'retrying';

/** "840 ms", "3.2 s", "2 min 5 s"; a dash for a run still at work. */
export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
};

const eventWords: Record<string, string> = {
  'lead.created': 'A lead arrived',
  'lead.updated': 'A lead changed',
  'job.scheduled': 'A job was scheduled or moved',
  'job.completed': 'A job was completed',
  'booking.created': 'A call was booked or moved',
  'booking.cancelled': 'A booked call was cancelled',
};

const stepWords: Record<string, string> = {
  'follow-up': 'A follow-up came due',
  'job-reminder': 'A job reminder came due',
  'booking-reminder': 'A call reminder came due',
  'review-request': 'A review request came due',
};

/** What started a run, in words: "A lead arrived", "A follow-up came due", "The daily digest schedule". */
export const triggerText = (trigger: RunView['trigger']): string => {
  switch (trigger.kind) {
    case 'event':
      return eventWords[trigger.type] ?? `Event ${trigger.type}`;
    case 'step':
      return stepWords[trigger.type] ?? `A queued ${trigger.type} step came due`;
    case 'schedule':
      return 'The daily digest schedule';
  }
};

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "30 minutes", "1 hour", "1 day 6 hours", "1 week". */
export const formatMinutes = (minutes: number): string => {
  if (minutes % (7 * 24 * 60) === 0) return plural(minutes / (7 * 24 * 60), 'week');
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts = [
    ...(days ? [plural(days, 'day')] : []),
    ...(hours ? [plural(hours, 'hour')] : []),
    ...(rest ? [plural(rest, 'minute')] : []),
  ];
  return parts.join(' ') || '0 minutes';
};

const reminderPresets = [30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080];

/** The reminder choices, with the saved one among them even when it is not a preset. */
export const reminderChoices = (current: number | null): { value: string; label: string }[] => {
  const minutes =
    current === null || reminderPresets.includes(current)
      ? reminderPresets
      : [...reminderPresets, current].sort((a, b) => a - b);
  return [
    { value: '', label: 'No reminder' },
    ...minutes.map((value) => ({ value: String(value), label: `${formatMinutes(value)} before` })),
  ];
};

/** `7` as "07:00". */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

// The editor's drafts

let nextStepKey = 1;

export interface StepDraft {
  /** Keeps each step's inputs in place when one above is removed. */
  readonly key: number;
  readonly afterHours: string;
  readonly subject: string;
  readonly body: string;
}

export type SettingsDraft =
  | {
      readonly automation: 'lead-capture';
      readonly enabled: boolean;
      readonly notifyUsers: boolean;
      readonly sheetsEnabled: boolean;
      readonly spreadsheetUrl: string;
      /** A sheet (tab) name or A1 range; empty for the spreadsheet's first sheet. */
      readonly sheetRange: string;
    }
  | {
      readonly automation: 'appointment-helper';
      readonly enabled: boolean;
      readonly sendConfirmation: boolean;
      readonly addToCalendar: boolean;
      /** Minutes before, or empty for no reminder. */
      readonly reminder: string;
      readonly jobs: boolean;
      readonly bookings: boolean;
    }
  | {
      readonly automation: 'follow-up-sequence';
      readonly enabled: boolean;
      readonly steps: readonly StepDraft[];
    }
  | {
      readonly automation: 'review-request';
      readonly enabled: boolean;
      readonly reviewUrl: string;
      readonly delayHours: string;
      readonly quietHours: boolean;
      readonly quietStart: string;
      readonly quietEnd: string;
    }
  | { readonly automation: 'daily-digest'; readonly enabled: boolean; readonly hour: string };

export const newStepDraft = (after: readonly StepDraft[]): StepDraft => {
  const last = wholeNumber(after.at(-1)?.afterHours ?? '');
  return {
    key: nextStepKey++,
    afterHours: String(Number.isNaN(last) ? 24 : last + 48),
    subject: '',
    body: 'Hi {name},\n\n',
  };
};

/** One template's settings as its form starts out. */
export const draftOf = (view: AutomationsView, automation: AutomationId): SettingsDraft => {
  switch (automation) {
    case 'lead-capture': {
      const { enabled, notifyUsers, googleSheetsRow } = view.leadCapture;
      return {
        automation,
        enabled,
        notifyUsers,
        sheetsEnabled: googleSheetsRow.enabled,
        spreadsheetUrl: googleSheetsRow.spreadsheetUrl ?? '',
        sheetRange: googleSheetsRow.range ?? '',
      };
    }
    case 'appointment-helper': {
      const helper = view.appointmentHelper;
      return {
        automation,
        enabled: helper.enabled,
        sendConfirmation: helper.sendConfirmation,
        addToCalendar: helper.addToCalendar,
        reminder: helper.reminderMinutesBefore === null ? '' : String(helper.reminderMinutesBefore),
        jobs: helper.jobs,
        bookings: helper.bookings,
      };
    }
    case 'follow-up-sequence':
      return {
        automation,
        enabled: view.followUpSequence.enabled,
        steps: view.followUpSequence.steps.map((step) => ({
          key: nextStepKey++,
          afterHours: String(step.afterHours),
          subject: step.subject,
          body: step.body,
        })),
      };
    case 'review-request': {
      const review = view.reviewRequest;
      return {
        automation,
        enabled: review.enabled,
        reviewUrl: review.reviewUrl ?? '',
        delayHours: String(review.delayHours),
        quietHours: review.quietHours !== null,
        quietStart: review.quietHours?.start ?? '20:00',
        quietEnd: review.quietHours?.end ?? '08:00',
      };
    }
    case 'daily-digest':
      return { automation, enabled: view.dailyDigest.enabled, hour: String(view.dailyDigest.hour) };
  }
};

type TemplatePatch = Omit<UpdateAutomationsInput, 'version'>;

/**
 * The `PATCH` body for one template's draft: only that template, so a save never overwrites another
 * template someone else changed. Numbers that are not whole numbers go as NaN, for the schema to name.
 */
export const patchOf = (version: number, draft: SettingsDraft): { version: number } & TemplatePatch => {
  switch (draft.automation) {
    case 'lead-capture':
      return {
        version,
        leadCapture: {
          enabled: draft.enabled,
          notifyUsers: draft.notifyUsers,
          googleSheetsRow: {
            enabled: draft.sheetsEnabled,
            spreadsheetUrl: draft.spreadsheetUrl.trim() || null,
            ...(draft.sheetRange.trim() ? { range: draft.sheetRange.trim() } : {}),
          },
        },
      };
    case 'appointment-helper':
      return {
        version,
        appointmentHelper: {
          enabled: draft.enabled,
          sendConfirmation: draft.sendConfirmation,
          addToCalendar: draft.addToCalendar,
          reminderMinutesBefore: draft.reminder === '' ? null : Number(draft.reminder),
          jobs: draft.jobs,
          bookings: draft.bookings,
        },
      };
    case 'follow-up-sequence':
      return {
        version,
        followUpSequence: {
          enabled: draft.enabled,
          steps: draft.steps.map((step) => ({
            afterHours: wholeNumber(step.afterHours),
            subject: step.subject,
            body: step.body,
          })),
        },
      };
    case 'review-request':
      return {
        version,
        reviewRequest: {
          enabled: draft.enabled,
          reviewUrl: draft.reviewUrl.trim() || null,
          delayHours: wholeNumber(draft.delayHours),
          quietHours: draft.quietHours ? { start: draft.quietStart, end: draft.quietEnd } : null,
        },
      };
    case 'daily-digest':
      return { version, dailyDigest: { enabled: draft.enabled, hour: Number(draft.hour) } };
  }
};

/**
 * Moves the schema's and the API's messages onto the editor's inputs, whose names are the paths without
 * the template's key (`steps.1.subject`); what the editor cannot show goes to its summary.
 */
export const draftErrors = (automation: AutomationId, errors: FieldErrors): FieldErrors => {
  const prefix = `${settingsKeys[automation]}.`;
  const placed: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    // A number the schema read as "expected number, received NaN" is, for people, not a whole number.
    placed[field] ??= /received NaN|expected number/i.test(message) ? 'Enter a whole number' : message;
  }
  return placed;
};
