import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { automationKeys, orgKeys } from '../db/keys';
import { settingsOf } from './config';
import { getConfigWithOrganization } from './config-repository';

// Settings as an earlier release stored them; DynamoDB Local holds only what this release writes.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000000';

const organization = {
  ...orgKeys.org(orgId),
  ...orgKeys.orgList('brightside plumbing', orgId),
  id: orgId,
  name: 'Brightside Plumbing',
  slug: 'brightside',
  timeZone: 'America/Denver',
  allowedOrigins: [],
  branding: { color: '#3b5bdb', logoUrl: null },
  status: 'active',
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
  version: 1,
  searchText: 'brightside plumbing brightside',
};

/** Saved before the Appointment Helper could add jobs to a calendar, with a link the old check took. */
const legacyConfig = {
  ...automationKeys.config(orgId),
  orgId,
  version: 2,
  updatedAt: '2026-11-21T10:00:00.000Z',
  updatedBy: 'Avery',
  leadCapture: {
    enabled: true,
    notifyUsers: true,
    googleSheetsRow: { enabled: false, spreadsheetUrl: null },
  },
  appointmentHelper: {
    enabled: true,
    sendConfirmation: true,
    reminderMinutesBefore: 1440,
    jobs: true,
    bookings: false,
  },
  followUpSequence: {
    enabled: false,
    steps: [{ afterHours: 24, subject: 'Following up', body: 'Hi {name}' }],
  },
  reviewRequest: {
    enabled: true,
    reviewUrl: 'https://reviews/brightside',
    delayHours: 24,
    quietHours: { start: '20:00', end: '08:00' },
  },
  dailyDigest: { enabled: false, hour: 7 },
};

beforeEach(() => {
  db.reset();
});

describe('stored automation settings', () => {
  it('read settings saved before an option existed, and the option takes its default', async () => {
    db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [organization, legacyConfig] } });

    const { org, config, workspace } = await getConfigWithOrganization(orgId);

    expect(org?.name).toBe('Brightside Plumbing');
    expect(workspace).toBeUndefined();
    expect(config?.appointmentHelper).not.toHaveProperty('addToCalendar');
    const settings = settingsOf(config);
    expect(settings.appointmentHelper).toMatchObject({ addToCalendar: true, bookings: false });
  });

  it('keep a review link saved under the older link check, which the current input check refuses', async () => {
    db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [organization, legacyConfig] } });

    const { config } = await getConfigWithOrganization(orgId);

    expect(config?.reviewRequest.reviewUrl).toBe('https://reviews/brightside');
  });
});
