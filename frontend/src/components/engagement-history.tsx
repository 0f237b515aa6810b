import { useCallback, useId, useState } from 'react';
import {
  type EngagementView,
  engagementRoutes,
  type versionView,
} from '../../../shared/engagements/contracts';
import type * as z from '../../../shared/schema/zod';
import { call } from '../lib/api';
import { capitalize, formatDateTime, formatRelative } from '../lib/format';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { Dialog } from './dialog';
import { DiffView } from './diff-view';
import { DownloadButton } from './download-button';
import { CompactPagedList } from './list-states';

type Version = z.infer<typeof versionView> & { readonly id: string };

/**
 * Every version of the checklist, newest first: download one, or see what changed from the one before.
 * Keyed by the engagement's version where it is used, so a new version starts the list over.
 */
export const EngagementHistory = ({ engagement }: { readonly engagement: EngagementView }) => {
  const headingId = useId();
  const [comparing, setComparing] = useState<number | null>(null);
  const { orgId, id: engagementId, version: latest } = engagement;
  const fetchPage = useCallback<FetchPage<Version>>(
    async (cursor, signal) => {
      const page = await call(engagementRoutes.versions, {
        params: { orgId, engagementId },
        query: { cursor, limit: 10 },
        signal,
      });
      return { ...page, items: page.items.map((item) => ({ ...item, id: String(item.version) })) };
    },
    [orgId, engagementId],
  );
  const list = usePagedList(fetchPage);

  return (
    <section className="engagement-history" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        History
      </h3>
      <CompactPagedList list={list} loadingLabel="Loading the history…" moreLabel="Show older versions">
        <ol className="versions" aria-label="Versions, newest first">
          {list.items.map((item) => (
            <li key={item.id} className="versions__item">
              <p className="versions__title">
                <span className="versions__number">Version {item.version}</span>
                {item.version === latest ? <span className="badge badge--info">Current</span> : null}
                <span className="versions__percent">{item.totals.percentComplete}% complete</span>
              </p>
              <p className="versions__change">{capitalize(item.change)}</p>
              <p className="versions__meta">
                {item.author} ·{' '}
                <time dateTime={item.at} title={formatDateTime(item.at)}>
                  {formatRelative(item.at)}
                </time>
              </p>
              <div className="versions__actions">
                <DownloadButton
                  orgId={orgId}
                  engagementId={engagementId}
                  projectName={engagement.projectName}
                  version={item.version}
                  className="button button--ghost button--small"
                >
                  View<span className="visually-hidden"> version {item.version}</span>
                </DownloadButton>
                {item.version > 1 ? (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setComparing(item.version)}
                  >
                    Compare with previous
                    <span className="visually-hidden">
                      {' '}
                      (version {item.version} with version {item.version - 1})
                    </span>
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </CompactPagedList>
      <Dialog
        open={comparing !== null}
        title={comparing === null ? 'Changes' : `Changes in version ${comparing}`}
        description={comparing === null ? undefined : `Compared with version ${comparing - 1}.`}
        onClose={() => setComparing(null)}
        size="large"
      >
        {comparing !== null ? (
          <div className="dialog__content">
            <DiffView orgId={orgId} engagementId={engagementId} from={comparing - 1} to={comparing} />
          </div>
        ) : null}
      </Dialog>
    </section>
  );
};
