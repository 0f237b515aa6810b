import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  type AttendeeFilter,
  type AttendeeView,
  attendeeRoutes,
  attendeeStatuses,
  networkingAccesses,
} from '../../../shared/conferences/attendee-contracts';
import { conferenceRoles } from '../../../shared/conferences/contracts';
import { AppShell } from '../components/app-shell';
import { Dialog } from '../components/dialog';
import { SelectField, TextAreaField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { ImportWizard } from '../components/import-wizard';
import { call, errorMessage } from '../lib/api';
import { downloadAttendeesCsv } from '../lib/conference-exports';
import { useConferenceNav } from '../lib/conference-nav';
import { useTitle } from '../lib/use-title';

const statusTones: Record<AttendeeView['status'], string> = {
  sent: 'info',
  delivered: 'info',
  bounced: 'danger',
  accepted: 'success',
  revoked: 'neutral',
};
const statusLabels: Record<AttendeeView['status'], string> = {
  sent: 'Invitation sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  accepted: 'Registered',
  revoked: 'Revoked',
};

/** One person a line: `Name <email>`, or a bare email (the name is then its local part). */
export const parseInvitees = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(.*?)\s*<([^<>]+)>$/.exec(line);
      const email = (match ? match[2]! : line).trim().toLowerCase();
      const name = (match?.[1]?.trim() || email.split('@')[0]) ?? email;
      return { email, name };
    });

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/**
 * The organizers' attendee list: invite by email, filter and search, resend and revoke one, and mass
 * updates on a selection or on everything the filters match.
 */
export const ConferenceAttendeesPage = ({ orgId, conferenceId }: Props) => {
  const nav = useConferenceNav(orgId, conferenceId);
  useTitle('Attendees');
  const params = useMemo(() => ({ orgId, conferenceId }), [orgId, conferenceId]);
  const [filter, setFilter] = useState<AttendeeFilter>({});
  const [items, setItems] = useState<AttendeeView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [invitees, setInvitees] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      try {
        const page = await call(attendeeRoutes.listRegistrations, {
          params,
          query: { ...filter, cursor, limit: 50 },
        });
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (caught) {
        setFailure(errorMessage(caught));
      }
    },
    [params, filter],
  );
  useEffect(() => {
    setSelected(new Set());
    void load();
  }, [load]);

  const act = async (work: () => Promise<string>) => {
    setFailure(null);
    try {
      setMessage(await work());
      await load();
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };

  const invite = () =>
    act(async () => {
      const result = await call(attendeeRoutes.inviteAttendees, {
        params,
        body: { people: parseInvitees(invitees), role: 'attendee', group: null, networking: 'all' },
      });
      setInvitees('');
      const skipped = result.items.filter((item) => item.outcome !== 'invited');
      return `Invited ${result.invited}.${skipped.length ? ` Not sent: ${skipped.map((s) => `${s.email} (${s.outcome})`).join(', ')}.` : ''}`;
    });

  const massUpdate = (change: Record<string, unknown>, everyone: boolean) =>
    act(async () => {
      let updated = 0;
      let matched = 0;
      let cursor: string | undefined;
      do {
        const summary = await call(attendeeRoutes.massUpdateRegistrations, {
          params,
          body: { change, target: everyone ? { filter, cursor } : { ids: [...selected] } },
        });
        updated += summary.updated;
        matched += summary.matched;
        cursor = summary.nextCursor ?? undefined;
      } while (everyone && cursor);
      return `Updated ${updated} of ${matched} attendees.`;
    });

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <AppShell area="Event" nav={nav}>
      <h1>Attendees</h1>
      <section className="card">
        <h2>Invite people</h2>
        <button type="button" className="button button--secondary" onClick={() => setImporting(true)}>
          Import CSV
        </button>
        <TextAreaField
          label="One person a line: Name <email>"
          name="invitees"
          value={invitees}
          onChange={(event) => setInvitees(event.target.value)}
        />
        <button type="button" className="button" onClick={() => void invite()} disabled={!invitees.trim()}>
          Send invitations
        </button>
      </section>
      {message ? <p role="status">{message}</p> : null}
      <FormAlert title={failure ?? undefined} />
      <div className="filters">
        <TextField
          label="Search"
          name="q"
          value={filter.q ?? ''}
          onChange={(event) => setFilter({ ...filter, q: event.target.value || undefined })}
        />
        <SelectField
          label="Status"
          name="status"
          value={filter.status ?? ''}
          onChange={(event) =>
            setFilter({ ...filter, status: (event.target.value || undefined) as AttendeeFilter['status'] })
          }
        >
          <option value="">All statuses</option>
          {attendeeStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Role"
          name="role"
          value={filter.role ?? ''}
          onChange={(event) =>
            setFilter({ ...filter, role: (event.target.value || undefined) as AttendeeFilter['role'] })
          }
        >
          <option value="">All roles</option>
          {conferenceRoles.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </SelectField>
        <SelectField
          label="Networking"
          name="networking"
          value={filter.networking ?? ''}
          onChange={(event) =>
            setFilter({
              ...filter,
              networking: (event.target.value || undefined) as AttendeeFilter['networking'],
            })
          }
        >
          <option value="">Any networking</option>
          {networkingAccesses.map((access) => (
            <option key={access}>{access}</option>
          ))}
        </SelectField>
        <TextField
          label="Group"
          name="group"
          value={filter.group ?? ''}
          onChange={(event) => setFilter({ ...filter, group: event.target.value || undefined })}
        />
      </div>
      <div className="toolbar" role="toolbar" aria-label="Mass updates">
        <span>{selected.size} selected</span>
        {networkingAccesses.map((access) => (
          <button
            key={access}
            type="button"
            className="button button--quiet"
            disabled={!selected.size}
            onClick={() => void massUpdate({ networking: access }, false)}
          >
            Networking: {access}
          </button>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={!selected.size}
          onClick={() => void massUpdate({ status: 'revoked' }, false)}
        >
          Revoke selected
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void massUpdate({ networking: 'none' }, true)}
        >
          Networking off for all matching
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void downloadAttendeesCsv(params, filter)}
        >
          Export CSV
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
            <th scope="col">Role</th>
            <th scope="col">Group</th>
            <th scope="col">Networking</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((attendee) => (
            <tr key={attendee.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${attendee.name}`}
                  checked={selected.has(attendee.id)}
                  onChange={() => toggle(attendee.id)}
                />
              </td>
              <td data-label="Name">{attendee.name}</td>
              <td data-label="Email">{attendee.email}</td>
              <td data-label="Status">
                <span
                  className={`badge badge--${statusTones[attendee.status]}`}
                  title={attendee.bounceReason ?? undefined}
                >
                  {statusLabels[attendee.status]}
                </span>
              </td>
              <td data-label="Role">{attendee.role}</td>
              <td data-label="Group">{attendee.group ?? '—'}</td>
              <td data-label="Networking">{attendee.networking}</td>
              <td data-label="Actions">
                {attendee.status !== 'accepted' ? (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() =>
                      act(async () => {
                        await call(attendeeRoutes.resendInvitation, {
                          params: { ...params, attendeeId: attendee.id },
                        });
                        return `Sent the invitation to ${attendee.email} again.`;
                      })
                    }
                  >
                    Resend
                  </button>
                ) : null}
                {attendee.status !== 'revoked' ? (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() =>
                      act(async () => {
                        await call(attendeeRoutes.revokeInvitation, {
                          params: { ...params, attendeeId: attendee.id },
                        });
                        return `Revoked ${attendee.email}.`;
                      })
                    }
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? <p>No attendees match.</p> : null}
      {nextCursor ? (
        <button type="button" className="button button--quiet" onClick={() => void load(nextCursor)}>
          Show more
        </button>
      ) : null}
      <Dialog
        open={importing}
        title="Import attendees from CSV"
        description="Check the file first: nothing is written until you confirm the dry run. Each new attendee is mailed an invitation."
        onClose={() => {
          setImporting(false);
          void load();
        }}
        size="large"
      >
        <ImportWizard
          orgId={orgId}
          target="attendees"
          conferenceId={conferenceId}
          noun="attendees"
          onFinished={load}
        />
      </Dialog>
    </AppShell>
  );
};
