import { utcToLocal } from '../time/zones';
import type { ConfigItem, DigestScheduleItem } from './config-repository';
import {
  type AutomationId,
  type AutomationSettings,
  type AutomationsView,
  automationIds,
  automationTemplates,
  defaultFollowUpSteps,
  type StepView,
} from './contracts';
import type { StepItem } from './step-repository';

/** What an organization has before an admin saves anything: every template off, sensible settings. */
export const defaultSettings = (): AutomationSettings => ({
  leadCapture: {
    enabled: false,
    notifyUsers: true,
    googleSheetsRow: { enabled: false, spreadsheetUrl: null },
  },
  appointmentHelper: {
    enabled: false,
    sendConfirmation: true,
    addToCalendar: true,
    reminderMinutesBefore: 24 * 60,
    jobs: true,
    bookings: true,
  },
  followUpSequence: { enabled: false, steps: defaultFollowUpSteps },
  reviewRequest: {
    enabled: false,
    reviewUrl: null,
    delayHours: 24,
    quietHours: { start: '20:00', end: '08:00' },
  },
  dailyDigest: { enabled: false, hour: 7 },
});

/**
 * The settings in force: the saved ones, or the defaults. Settings saved before an option existed get
 * its default (the Appointment Helper's `addToCalendar`).
 */
export const settingsOf = (config: ConfigItem | undefined): AutomationSettings =>
  config
    ? {
        ...config,
        appointmentHelper: { ...defaultSettings().appointmentHelper, ...config.appointmentHelper },
      }
    : defaultSettings();

const settingsKey: Record<AutomationId, keyof AutomationSettings> = {
  'lead-capture': 'leadCapture',
  'appointment-helper': 'appointmentHelper',
  'follow-up-sequence': 'followUpSequence',
  'review-request': 'reviewRequest',
  'daily-digest': 'dailyDigest',
};

export const isEnabled = (settings: AutomationSettings, automation: AutomationId): boolean =>
  settings[settingsKey[automation]].enabled;

/** Whether Lead Capture's Google Sheets row is written, and if not, what it waits for. */
const sheetsStatus = (
  sheets: AutomationSettings['leadCapture']['googleSheetsRow'],
  workspaceConnected: boolean,
): AutomationsView['leadCapture']['googleSheetsRow']['status'] => {
  if (!sheets.enabled) return 'off';
  if (!workspaceConnected) return 'needs-google-workspace';
  return sheets.spreadsheetUrl ? 'active' : 'needs-spreadsheet';
};

export const toAutomationsView = (
  orgId: string,
  timeZone: string,
  config: ConfigItem | undefined,
  digest: DigestScheduleItem | undefined,
  /** Whether the organization's Google Workspace is connected (and not revoked). */
  workspaceConnected = false,
): AutomationsView => {
  const settings = settingsOf(config);
  const sheets = settings.leadCapture.googleSheetsRow;
  return {
    orgId,
    version: config?.version ?? 0,
    updatedAt: config?.updatedAt ?? null,
    updatedBy: config?.updatedBy ?? null,
    timeZone,
    leadCapture: {
      ...settings.leadCapture,
      googleSheetsRow: { ...sheets, status: sheetsStatus(sheets, workspaceConnected) },
    },
    appointmentHelper: settings.appointmentHelper,
    followUpSequence: settings.followUpSequence,
    reviewRequest: settings.reviewRequest,
    dailyDigest: {
      ...settings.dailyDigest,
      nextDigestAt: settings.dailyDigest.enabled ? (digest?.nextDigestAt ?? null) : null,
    },
    templates: automationIds.map((id) => ({
      id,
      ...automationTemplates[id],
      enabled: isEnabled(settings, id),
    })),
  };
};

export const toStepView = (step: StepItem, timeZone: string): StepView => ({
  id: step.id,
  orgId: step.orgId,
  automation: step.automation,
  label: step.label,
  dueAt: step.dueAt,
  dueAtLocal: utcToLocal(step.dueAt, timeZone),
  status: step.status,
  reason: step.reason,
  recipient: step.recipient,
  leadId: step.leadId,
  jobId: step.jobId,
  bookingId: step.bookingId,
  runId: step.runId,
  createdAt: step.createdAt,
  cancelledAt: step.cancelledAt,
  cancelledBy: step.cancelledBy,
});
