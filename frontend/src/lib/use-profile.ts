import { useCallback, useEffect, useState } from 'react';
import {
  organizationRoutes,
  type ProfileView,
  type UpdateProfileInput,
} from '../../../shared/organizations/contracts';
import { call, errorMessage } from './api';

export type ProfileFields = Omit<UpdateProfileInput, 'version'>;

export interface ProfileState {
  readonly profile: ProfileView | null;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: string | null;
  readonly reload: () => Promise<ProfileView | null>;
  /** Saves the profile as the last version this page saw; a newer one on the server answers 409. */
  readonly save: (body: UpdateProfileInput) => Promise<ProfileView>;
}

/** The full body of a profile save: the current profile with some fields changed. */
export const profileDraft = (
  profile: ProfileView,
  changes: Partial<ProfileFields>,
): Record<string, unknown> => ({
  version: profile.version,
  summary: profile.summary,
  website: profile.website,
  socialLinks: profile.socialLinks,
  focusTopics: profile.focusTopics,
  ...changes,
});

/**
 * A load that was sent before a save may answer after it: the older version must not win, or the next
 * save would send it and be refused as a conflict.
 */
const newer = (current: ProfileView | null, next: ProfileView): ProfileView =>
  current && current.version > next.version ? current : next;

/**
 * One organization's profile, shared by the widgets that show and edit parts of it, so a save in one
 * moves the version the others send.
 */
export const useProfile = (orgId: string): ProfileState => {
  const [profile, setProfile] = useState<ProfileView | null>(null);
  const [status, setStatus] = useState<ProfileState['status']>('loading');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const latest = await call(organizationRoutes.getProfile, { params: { orgId } });
      setProfile((current) => newer(current, latest));
      setStatus('ready');
      setError(null);
      return latest;
    } catch (caught) {
      setError(errorMessage(caught));
      setStatus('error');
      return null;
    }
  }, [orgId]);

  useEffect(() => {
    setStatus('loading');
    void reload();
  }, [reload]);

  const save = useCallback(
    async (body: UpdateProfileInput) => {
      const saved = await call(organizationRoutes.updateProfile, { params: { orgId }, body });
      setProfile((current) => newer(current, saved));
      return saved;
    },
    [orgId],
  );

  return { profile, status, error, reload, save };
};
