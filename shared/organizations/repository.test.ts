import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoredItemError } from '../db/item';
import { orgKeys } from '../db/keys';
import { branding, socialLinks } from './contracts';
import { getOrganization, getProfile } from './repository';

// Links saved under the first release's check (any https URL), which the current input check refuses.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000000';
const oldLogo = 'https://cdn/brightside-logo.png';
const oldLink = 'https://user:secret@linkedin.com/company/brightside';

beforeEach(() => {
  db.reset();
});

describe('stored organizations', () => {
  it('read a logo link saved under the older link check as it was saved', async () => {
    expect(branding.safeParse({ color: '#3b5bdb', logoUrl: oldLogo }).success).toBe(false);
    db.on(GetCommand).resolves({
      Item: {
        ...orgKeys.org(orgId),
        ...orgKeys.orgList('brightside plumbing', orgId),
        id: orgId,
        name: 'Brightside Plumbing',
        slug: 'brightside',
        timeZone: 'America/Denver',
        allowedOrigins: ['https://brightside.example'],
        branding: { color: '#3b5bdb', logoUrl: oldLogo },
        status: 'active',
        createdAt: '2026-11-21T09:00:00.000Z',
        updatedAt: '2026-11-21T09:00:00.000Z',
        version: 1,
        searchText: 'brightside plumbing brightside',
      },
    });

    const organization = await getOrganization(orgId);

    expect(organization?.branding).toEqual({ color: '#3b5bdb', logoUrl: oldLogo });
    expect(organization).not.toHaveProperty('searchText');
  });

  it('read social links saved under the older link check as they were saved', async () => {
    expect(socialLinks.safeParse({ linkedin: oldLink }).success).toBe(false);
    db.on(GetCommand).resolves({
      Item: {
        ...orgKeys.profile(orgId),
        orgId,
        summary: 'Plumbing in Denver',
        website: null,
        socialLinks: { linkedin: oldLink },
        focusTopics: ['Water heaters'],
        version: 3,
        updatedAt: '2026-11-22T09:00:00.000Z',
        updatedBy: 'Avery',
      },
    });

    expect((await getProfile(orgId))?.socialLinks).toEqual({ linkedin: oldLink });
  });

  it('refuse a social link of a network it does not know', async () => {
    db.on(GetCommand).resolves({
      Item: {
        ...orgKeys.profile(orgId),
        orgId,
        summary: '',
        website: null,
        socialLinks: { myspace: 'https://myspace.com/brightside' },
        focusTopics: [],
        version: 1,
        updatedAt: null,
        updatedBy: null,
      },
    });

    await expect(getProfile(orgId)).rejects.toThrow(StoredItemError);
  });
});
