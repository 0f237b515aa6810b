import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/organizations/contracts';
import { profileToKeep } from './use-profile';

const profile = (orgId: string, version: number): ProfileView => ({
  orgId,
  summary: `${orgId} at ${version}`,
  website: null,
  socialLinks: {},
  focusTopics: [],
  version,
  updatedAt: null,
  updatedBy: null,
});

const harbour = '01J00000000000000000000001';
const bakery = '01J00000000000000000000002';

describe('the profile a page keeps', () => {
  it('keeps a saved version when an older load answers after the save', () => {
    expect(profileToKeep(profile(harbour, 3), profile(harbour, 2), harbour)).toEqual(profile(harbour, 3));
    expect(profileToKeep(profile(harbour, 2), profile(harbour, 3), harbour)).toEqual(profile(harbour, 3));
  });

  it('takes the next organization’s profile even when its version is lower, so its save is not a conflict', () => {
    expect(profileToKeep(profile(harbour, 5), profile(bakery, 0), bakery)).toEqual(profile(bakery, 0));
  });

  it('drops a late answer about the organization the page showed before', () => {
    expect(profileToKeep(profile(bakery, 0), profile(harbour, 5), bakery)).toEqual(profile(bakery, 0));
    expect(profileToKeep(profile(harbour, 5), profile(harbour, 6), bakery)).toBeNull();
  });
});
