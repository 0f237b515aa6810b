import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoredItemError } from '../db/item';
import { engagementKeys } from '../db/keys';
import { getEngagement, getVersion } from './repository';

// Items as the first checklist release wrote them: no started or unexplained tasks counted, no marker
// counts, no legend, no marker settings version.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000000';
const engagementId = '01J0ENG0000000000000000000';
const oldCounts = { total: 4, done: 1, pending: 2, skipped: 1, percentComplete: 33 };

const legacyEngagement = {
  ...engagementKeys.engagement(orgId, engagementId),
  ...engagementKeys.byUpdate('2026-11-21T10:00:00.000Z', engagementId),
  id: engagementId,
  orgId,
  organizationName: 'Brightside Plumbing',
  projectName: 'Website',
  version: 3,
  objectKey: `engagements/${orgId}/${engagementId}/3.md`,
  revision: 5,
  clientCanEditTasks: true,
  summary: {
    phases: [{ number: 1, title: 'Discovery', counts: oldCounts }],
    totals: oldCounts,
    currentPhase: { index: 0, number: 1, title: 'Discovery' },
    taskCount: 4,
  },
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  updatedBy: 'Avery',
  searchText: 'brightside plumbing website',
  pending: 2,
};

beforeEach(() => {
  db.reset();
});

describe('stored engagements', () => {
  it('read a summary written before started and unexplained tasks were counted, as none of either', async () => {
    db.on(GetCommand).resolves({ Item: legacyEngagement });

    const engagement = await getEngagement(orgId, engagementId);

    const counts = { ...oldCounts, inProgress: 0, unknown: 0 };
    expect(engagement?.summary.totals).toEqual(counts);
    expect(engagement?.summary.phases).toEqual([{ number: 1, title: 'Discovery', counts }]);
    expect(engagement?.summary.legend).toBeUndefined();
    expect(engagement?.markersVersion).toBeUndefined();
    // Query-only copies stay out of the domain's item.
    expect(engagement).not.toHaveProperty('pending');
    expect(engagement).not.toHaveProperty('searchText');
  });

  it('read an old version entry with the counts it had', async () => {
    db.on(GetCommand).resolves({
      Item: {
        ...engagementKeys.version(orgId, engagementId, 1),
        version: 1,
        objectKey: `engagements/${orgId}/${engagementId}/1.md`,
        at: '2026-11-21T09:00:00.000Z',
        author: 'Avery',
        change: 'Created',
        totals: oldCounts,
      },
    });

    expect((await getVersion(orgId, engagementId, 1))?.totals).toEqual({
      ...oldCounts,
      inProgress: 0,
      unknown: 0,
    });
  });

  it('refuse an item whose summary is missing, naming the item', async () => {
    const { summary: _summary, ...withoutSummary } = legacyEngagement;
    db.on(GetCommand).resolves({ Item: withoutSummary });

    await expect(getEngagement(orgId, engagementId)).rejects.toThrow(StoredItemError);
    await expect(getEngagement(orgId, engagementId)).rejects.toThrow(/summary/);
  });
});
