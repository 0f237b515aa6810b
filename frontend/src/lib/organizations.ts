import { useEffect, useState } from 'react';
import { type OrganizationView, organizationRoutes } from '../../../shared/organizations/contracts';
import { call } from './api';

const maxPages = 20;

/** Every organization, for pickers and for naming a user's organization in lists. */
export const loadAllOrganizations = async (signal?: AbortSignal): Promise<OrganizationView[]> => {
  const all: OrganizationView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await call(organizationRoutes.list, { query: { limit: 100, cursor }, signal });
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
};

/** All organizations, loaded once per mount; `null` while loading. */
export const useAllOrganizations = (): OrganizationView[] | null => {
  const [organizations, setOrganizations] = useState<OrganizationView[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    loadAllOrganizations(controller.signal)
      .then((all) => setOrganizations(all))
      .catch(() => {
        if (!controller.signal.aborted) setOrganizations([]);
      });
    return () => controller.abort();
  }, []);
  return organizations;
};
