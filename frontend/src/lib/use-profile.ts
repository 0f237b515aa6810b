import { useCallback, useEffect, useRef, useState } from 'react';
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
 * Which profile the page keeps when an answer arrives. A load that was sent before a save may answer
 * after it: the older version must not win, or the next save would send it and be refused as a
 * conflict. Versions only compare within one organization: moving from an organization at version 5 to
 * one at version 0 must show (and save) the new one, and a late answer about the organization the page
 * showed before is dropped.
 */
export const profileToKeep = (
  current: ProfileView | null,
  next: ProfileView,
  orgId: string,
): ProfileView | null => {
  if (next.orgId !== orgId) return current?.orgId === orgId ? current : null;
  return current?.orgId === orgId && current.version > next.version ? current : next;
};

/**
 * One organization's profile, shared by the widgets that show and edit parts of it, so a save in one
 * moves the version the others send.
 */
export const useProfile = (orgId: string): ProfileState => {
  const [profile, setProfile] = useState<ProfileView | null>(null);
  // The organization shown now; answers about an earlier one arrive late and are dropped.
  const shown = useRef(orgId);
  shown.current = orgId;
  const [status, setStatus] = useState<ProfileState['status']>('loading');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const latest = await call(organizationRoutes.getProfile, { params: { orgId } });
      setProfile((current) => profileToKeep(current, latest, shown.current));
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
    setProfile((current) => (current?.orgId === orgId ? current : null));
    setStatus('loading');
    void reload();
  }, [reload, orgId]);

  const save = useCallback(
    async (body: UpdateProfileInput) => {
      const saved = await call(organizationRoutes.updateProfile, { params: { orgId }, body });
      setProfile((current) => profileToKeep(current, saved, shown.current));
      return saved;
    },
    [orgId],
  );

  return { profile, status, error, reload, save };
};
