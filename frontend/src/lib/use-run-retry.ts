import { useCallback, useEffect, useRef, useState } from 'react';
import { automationRoutes, type RunView } from '../../../shared/automations/contracts';
import { call, errorMessage } from './api';
import { isUnsettled, runOutcomeLabels } from './automations';
import { useToast } from './toast';

const pollEveryMs = 1000;
const pollAtMost = 30;

/**
 * Retries a failed run (operator admins) and follows it: the API answers at once with the run marked
 * `retrying` and works in the background, so the run is read again until it settles. Each new state goes
 * to `onRun`, which puts it in the list shown.
 */
export const useRunRetry = (onRun: (run: RunView) => void) => {
  const notify = useToast();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const retry = useCallback(
    async (run: RunView) => {
      const mark = (runId: string, on: boolean) =>
        setBusy((current) => {
          const next = new Set(current);
          if (on) next.add(runId);
          else next.delete(runId);
          return next;
        });
      mark(run.id, true);
      try {
        let current = await call(automationRoutes.retryRun, { params: { orgId: run.orgId, runId: run.id } });
        if (!mounted.current) return;
        onRun(current);
        for (let round = 0; round < pollAtMost && isUnsettled(current.outcome); round++) {
          await new Promise((resolve) => window.setTimeout(resolve, pollEveryMs));
          if (!mounted.current) return;
          current = await call(automationRoutes.getRun, { params: { orgId: run.orgId, runId: run.id } });
          if (!mounted.current) return;
          onRun(current);
        }
        if (isUnsettled(current.outcome)) notify(`${run.action} is still running; look again later.`, 'info');
        else
          notify(
            `${run.action}: ${runOutcomeLabels[current.outcome].toLowerCase()} on retry.`,
            current.outcome === 'failed' ? 'error' : 'success',
          );
      } catch (caught) {
        if (mounted.current) notify(errorMessage(caught), 'error');
      } finally {
        if (mounted.current) mark(run.id, false);
      }
    },
    [onRun, notify],
  );

  return { retry, isRetrying: (runId: string) => busy.has(runId) };
};
