import { useEffect, useState } from 'react';
import { type ConnectionStatus, RealtimeClient } from './realtime';

/**
 * A page's own WebSocket connection, opened when the page mounts and closed when it goes, with its status
 * for the page to show. `client` is null until the first render has committed.
 */
export const useRealtimeClient = () => {
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  useEffect(() => {
    const created = new RealtimeClient();
    setClient(created);
    const off = created.onStatus(setStatus);
    return () => {
      off();
      created.close();
    };
  }, []);
  return { client, status };
};
