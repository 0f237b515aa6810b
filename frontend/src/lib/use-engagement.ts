import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type EngagementSummaryView,
  type EngagementView,
  engagementRoutes,
} from '../../../shared/engagements/contracts';
import { ApiError, call, errorMessage } from './api';
import type { Task, TaskStatus } from './checklist';
import { useToast } from './toast';

export const conflictMessage = 'Someone else just changed this checklist — reloaded';

export interface EngagementState {
  /** `none`: the organization has no engagement yet. */
  readonly status: 'loading' | 'none' | 'ready' | 'error';
  readonly error: string | null;
  /** Every engagement of the organization, oldest first (usually just one). */
  readonly engagements: readonly EngagementSummaryView[];
  /** The one shown: the chosen one, else the newest. */
  readonly engagement: EngagementView | null;
  readonly reload: () => Promise<EngagementView | null>;
  readonly select: (engagementId: string) => void;
  /** Shows what the API answered after a change made elsewhere on the page (created, renamed, uploaded). */
  readonly adopt: (view: EngagementView) => void;
  /**
   * Sets one task's status as the version this page last saw (with `marker`, that exact marker), and
   * shows the API's answer. A change someone else made to other tasks meanwhile is merged by the API;
   * when the task itself changed (409), reloads the checklist and says so. Resolves true when saved.
   */
  readonly setTaskStatus: (task: Task, status: TaskStatus, marker?: string) => Promise<boolean>;
}

const newest = (items: readonly EngagementSummaryView[]) =>
  items.reduce((latest, item) => (item.createdAt > latest.createdAt ? item : latest));

/** Listed engagements hold at most one page; organizations have one or a few. */
const listLimit = 100;

/** An organization's engagement, shared by the client dashboard and the operator's organization page. */
export const useEngagement = (orgId: string, preferredId: string | null = null): EngagementState => {
  const notify = useToast();
  const [status, setStatus] = useState<EngagementState['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [engagements, setEngagements] = useState<EngagementSummaryView[]>([]);
  const [engagement, setEngagement] = useState<EngagementView | null>(null);
  const selected = useRef<string | null>(preferredId);
  // The version a task change is based on: the latest answer, even before React renders it.
  const current = useRef<EngagementView | null>(null);
  const controller = useRef<AbortController | null>(null);

  const show = useCallback((view: EngagementView | null) => {
    current.current = view;
    setEngagement(view);
  }, []);

  const reload = useCallback(async () => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    try {
      const page = await call(engagementRoutes.listForOrganization, {
        params: { orgId },
        query: { limit: listLimit },
        signal: own.signal,
      });
      if (own.signal.aborted) return null;
      setEngagements(page.items);
      if (page.items.length === 0) {
        show(null);
        setStatus('none');
        setError(null);
        return null;
      }
      const wanted = page.items.find((item) => item.id === selected.current) ?? newest(page.items);
      const view = await call(engagementRoutes.get, {
        params: { orgId, engagementId: wanted.id },
        signal: own.signal,
      });
      if (own.signal.aborted) return null;
      show(view);
      setStatus('ready');
      setError(null);
      return view;
    } catch (caught) {
      if (own.signal.aborted) return null;
      setError(errorMessage(caught));
      setStatus('error');
      return null;
    }
  }, [orgId, show]);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  const select = useCallback(
    (engagementId: string) => {
      selected.current = engagementId;
      setStatus('loading');
      void reload();
    },
    [reload],
  );

  const adopt = useCallback(
    (view: EngagementView) => {
      selected.current = view.id;
      show(view);
      setStatus('ready');
      setError(null);
      const { checklist: _checklist, legend: _legend, mergedOntoVersion: _merged, ...summary } = view;
      setEngagements((items) =>
        items.some((item) => item.id === view.id)
          ? items.map((item) => (item.id === view.id ? summary : item))
          : [...items, summary],
      );
    },
    [show],
  );

  const setTaskStatus = useCallback(
    async (task: Task, next: TaskStatus, marker?: string) => {
      const shown = current.current;
      if (!shown) return false;
      try {
        const view = await call(engagementRoutes.setTaskStatus, {
          params: { orgId, engagementId: shown.id, taskId: task.id },
          body: { version: shown.version, status: next, ...(marker === undefined ? {} : { marker }) },
        });
        adopt(view);
        if (view.mergedOntoVersion !== undefined)
          notify(`Saved. Someone else had changed other tasks; now showing version ${view.version}.`, 'info');
        return true;
      } catch (caught) {
        // A version conflict, or a task that moved or changed: either way the file changed under us.
        if (caught instanceof ApiError && caught.status === 409) {
          await reload();
          notify(conflictMessage, 'info');
        } else if (caught instanceof ApiError && caught.status === 403) {
          // The agency may just have stopped clients from ticking tasks: show the checklist as it is now.
          await reload();
          notify(errorMessage(caught), 'error');
        } else notify(errorMessage(caught), 'error');
        return false;
      }
    },
    [orgId, adopt, reload, notify],
  );

  return { status, error, engagements, engagement, reload, select, adopt, setTaskStatus };
};
