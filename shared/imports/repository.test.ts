import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { importKeys } from '../db/keys';
import { getImport } from './repository';

// An import as the first release of the pipeline stored it: leads only, no conference, and column
// mappings taken as typed.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000000';
const importId = '01J0MPT0000000000000000000';

const legacyImport = {
  ...importKeys.job(orgId, importId),
  id: importId,
  orgId,
  target: 'leads',
  fileName: 'leads.csv',
  size: 120,
  status: 'uploaded',
  createdAt: '2026-12-03T09:00:00.000Z',
  createdBy: 'Avery',
  createdByUserId: '01J0ADM0000000000000000000',
  updatedAt: '2026-12-03T09:01:00.000Z',
  detected: {
    encoding: 'utf-8',
    bom: null,
    certain: true,
    note: null,
    delimiter: ',',
    hasHeader: true,
  },
  settings: { encoding: 'utf-8', delimiter: ',', hasHeader: true, mapping: ['name ', null, 'email'] },
  totalRows: 2,
  rejectedRows: 0,
  rejectedSample: [],
  duplicates: [],
  existingMatches: [],
  check: null,
  run: null,
  error: null,
  validRows: null,
  chunkCount: null,
  attemptId: null,
  runBy: null,
  ttl: Math.floor(Date.now() / 1000) + 86_400,
};

beforeEach(() => {
  db.reset();
});

describe('stored imports', () => {
  it('read an import stored before imports named a conference, its mapping as it was saved', async () => {
    db.on(GetCommand).resolves({ Item: legacyImport });

    const item = await getImport(orgId, importId);

    expect(item?.conferenceId).toBeUndefined();
    expect(item?.settings?.mapping).toEqual(['name ', null, 'email']);
    expect(item).not.toHaveProperty('ttl');
  });

  it('answer none for an import whose expiry has passed, before DynamoDB removed it', async () => {
    db.on(GetCommand).resolves({ Item: { ...legacyImport, ttl: Math.floor(Date.now() / 1000) - 60 } });

    expect(await getImport(orgId, importId)).toBeUndefined();
  });
});
