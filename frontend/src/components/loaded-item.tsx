import type { ReactNode } from 'react';
import type { Loaded } from '../lib/use-loaded';
import { EmptyState, LoadingRows, RetryAlert } from './list-states';

interface LoadedItemProps<T> {
  readonly item: Loaded<T>;
  /** What it is, in lower case: "lead", "job". */
  readonly noun: string;
  /** Where the list of such items is, for the way back from a 404. */
  readonly back: ReactNode;
  readonly children: (data: T) => ReactNode;
}

/** One item loaded from the API: its content once there, else loading, "not found" or a retry. */
export const LoadedItem = <T,>({ item, noun, back, children }: LoadedItemProps<T>) => {
  if (item.data) return children(item.data);
  if (item.status === 'loading') return <LoadingRows label={`Loading the ${noun}…`} />;
  if (item.notFound)
    return (
      <EmptyState title={`${noun[0]!.toUpperCase()}${noun.slice(1)} not found`}>
        <p>There is no {noun} at this address. It may belong to another organization.</p>
        {back}
      </EmptyState>
    );
  return <RetryAlert title={item.error ?? undefined} onRetry={() => void item.reload()} />;
};
