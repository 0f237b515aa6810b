import { useCallback, useState } from 'react';
import { type MyProfileView, networkingRoutes } from '../../../shared/networking/contracts';
import { AppShell } from '../components/app-shell';
import { PageHeader } from '../components/list-page';
import { LoadedItem } from '../components/loaded-item';
import { navFor } from '../conferences/conference-nav';
import { call } from '../lib/api';
import type { ConnectionStatus, RealtimeClient } from '../lib/realtime';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { ConnectionsSection } from '../networking/connections-section';
import { DirectorySection } from '../networking/directory-section';
import { MessagesSection, type Peer } from '../networking/messages-section';
import { MyCardForm } from '../networking/my-card-form';
import { useInbox } from '../networking/use-inbox';
import '../networking/networking.css';
import { useRealtimeClient } from '../lib/use-realtime-client';

const statusText: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

/** Networking at one event: the caller's card, the directory, requests and connections, direct messages. */
export const NetworkingPage = ({
  orgId,
  conferenceId,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
}) => {
  useTitle('Networking');
  const { user } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => call(networkingRoutes.getProfile, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const profile = useLoaded(load);
  return (
    <AppShell area="Events" nav={navFor(user)}>
      <LoadedItem
        item={profile}
        noun="event"
        back={<Link to={`/conferences/${orgId}/${conferenceId}`}>Back to the event</Link>}
      >
        {(data) => (
          <Networking orgId={orgId} conferenceId={conferenceId} userId={user?.id ?? ''} initial={data} />
        )}
      </LoadedItem>
    </AppShell>
  );
};

const Networking = ({
  orgId,
  conferenceId,
  userId,
  initial,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly userId: string;
  readonly initial: MyProfileView;
}) => {
  const [profile, setProfile] = useState(initial);
  const { client, status } = useRealtimeClient();
  const active = profile.enabled && profile.networking !== 'none';
  return (
    <>
      <PageHeader
        title="Networking"
        lead={
          active
            ? 'Find people, ask them to connect, and message your connections.'
            : profile.enabled
              ? 'The organizers turned networking off for you at this event.'
              : 'Networking is off for this event.'
        }
      />
      <p className="chat__status" role="status">
        {statusText[status]}
      </p>
      <div className="networking">
        <MyCardForm orgId={orgId} conferenceId={conferenceId} profile={profile} onSaved={setProfile} />
        {active && client ? (
          <Active
            client={client}
            orgId={orgId}
            conferenceId={conferenceId}
            userId={userId}
            status={status}
            profile={profile}
          />
        ) : null}
      </div>
    </>
  );
};

const Active = ({
  client,
  orgId,
  conferenceId,
  userId,
  status,
  profile,
}: {
  readonly client: RealtimeClient;
  readonly orgId: string;
  readonly conferenceId: string;
  readonly userId: string;
  readonly status: ConnectionStatus;
  readonly profile: MyProfileView;
}) => {
  const inbox = useInbox(client, orgId, conferenceId);
  const [changes, setChanges] = useState(0);
  const [peer, setPeer] = useState<Peer | null>(null);
  const changed = useCallback(() => setChanges((count) => count + 1), []);
  const allChanges = changes + inbox.linkChanges;
  return (
    <>
      {inbox.error ? <p role="alert">{inbox.error}</p> : null}
      <DirectorySection
        orgId={orgId}
        conferenceId={conferenceId}
        interests={profile.availableInterests}
        changes={allChanges}
        onChanged={changed}
      />
      <ConnectionsSection
        orgId={orgId}
        conferenceId={conferenceId}
        changes={allChanges}
        onChanged={changed}
        onMessage={setPeer}
      />
      <MessagesSection
        client={client}
        orgId={orgId}
        conferenceId={conferenceId}
        userId={userId}
        status={status}
        peer={peer}
        onPeer={setPeer}
        lastMessage={inbox.lastMessage}
        subscriptions={inbox.subscriptions}
      />
    </>
  );
};
