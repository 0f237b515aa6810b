import { useEffect } from 'react';
import { config } from '../config';

/** Names the page in the tab and for screen readers' page announcements. */
export const useTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} · ${config.appName}`;
  }, [title]);
};
