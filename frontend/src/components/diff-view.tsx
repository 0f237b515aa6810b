import { useEffect, useState } from 'react';
import { engagementRoutes } from '../../../shared/engagements/contracts';
import { call, errorMessage } from '../lib/api';
import { type DiffLine, parseUnifiedDiff } from '../lib/checklist';
import { FormAlert } from './form-alert';
import { LoadingRows } from './list-states';

interface DiffViewProps {
  readonly orgId: string;
  readonly engagementId: string;
  readonly from: number;
  readonly to: number;
}

const signs: Partial<Record<DiffLine['kind'], string>> = { added: '+', removed: '−', context: ' ' };

/** One diff line; added and removed lines carry a sign and `<ins>` / `<del>`, not only a colour. */
const Line = ({ line }: { readonly line: DiffLine }) => {
  const sign = signs[line.kind];
  const content = (
    <>
      {sign === undefined ? null : (
        <span className="diff__sign" aria-hidden={line.kind === 'context' ? true : undefined}>
          {sign}
        </span>
      )}
      {line.text}
      {'\n'}
    </>
  );
  if (line.kind === 'added') return <ins className="diff__line diff__line--added">{content}</ins>;
  if (line.kind === 'removed') return <del className="diff__line diff__line--removed">{content}</del>;
  return <span className={`diff__line diff__line--${line.kind}`}>{content}</span>;
};

/** The unified diff between two versions of a checklist, as the API makes it. */
export const DiffView = ({ orgId, engagementId, from, to }: DiffViewProps) => {
  const [lines, setLines] = useState<DiffLine[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLines(null);
    setProblem(null);
    call(engagementRoutes.diff, {
      params: { orgId, engagementId },
      query: { from, to },
      signal: controller.signal,
    })
      .then((diff) => setLines(parseUnifiedDiff(diff.unifiedDiff)))
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setProblem(errorMessage(caught));
      });
    return () => controller.abort();
  }, [orgId, engagementId, from, to]);

  if (problem) return <FormAlert title={problem} />;
  if (!lines) return <LoadingRows label="Loading the changes…" />;
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <div className="diff-view">
      <p className="diff-view__summary">
        {added === 0 && removed === 0
          ? 'The two versions are the same.'
          : `${added} ${added === 1 ? 'line' : 'lines'} added, ${removed} removed.`}{' '}
        <span className="diff-legend">
          <span className="diff-legend__item diff-legend__item--added">+ added</span>
          <span className="diff-legend__item diff-legend__item--removed">− removed</span>
        </span>
      </p>
      <section
        className="diff"
        aria-label={`Changes from version ${from} to version ${to}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the keyboard must reach a region that scrolls sideways
        tabIndex={0}
      >
        <pre className="diff__pre">
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one diff never move
            <Line key={index} line={line} />
          ))}
        </pre>
      </section>
    </div>
  );
};
