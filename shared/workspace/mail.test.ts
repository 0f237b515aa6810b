import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GoogleUnavailableError } from '../google/errors';
import type { WorkspaceClient } from '../google/workspace';
import type { Workspace } from './google';
import { mailSenderFor } from './mail';

// The sender's rule, with Google and SES replaced: which way each message goes, and what a failure does.
const google = vi.hoisted(() => ({
  workspace: undefined as Workspace | undefined,
  sendMail: vi.fn<(mime: string) => Promise<string>>(),
  revoked: false,
}));
const ses = vi.hoisted(() => ({ sendRawEmail: vi.fn() }));

vi.mock('./google', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./google')>();
  return {
    ...actual,
    loadWorkspace: async () => google.workspace,
    withWorkspace: async <T>(_workspace: Workspace, work: (client: WorkspaceClient) => Promise<T>) => {
      if (google.revoked) throw new actual.WorkspaceRevokedError('office@brightside.example');
      return work({ sendMail: google.sendMail, appendRow: vi.fn(), putEvent: vi.fn(), removeEvent: vi.fn() });
    },
  };
});
vi.mock('../email/send', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../email/send')>()),
  sendRawEmail: ses.sendRawEmail,
}));

const orgId = '01J0RG00000000000000000000';
const email = {
  subject: 'Your appointment',
  html: '<p>See you</p>',
  text: 'See you',
  unsubscribeUrl: 'https://portico.test/api/unsubscribe?token=abc.def',
};
const connected: Workspace = {
  config: { clientId: 'id', clientSecret: 'secret', endpoints: {}, standIn: true },
  connection: {
    orgId,
    status: 'connected',
    account: 'office@brightside.example',
    sealedRefreshToken: 'aes:sealed',
    scopes: [],
    connectedAt: '2026-05-01T10:00:00.000Z',
    connectedBy: '01J0SER0000000000000000000',
    connectedByName: 'Dana',
    revokedAt: null,
  },
};

beforeEach(() => {
  google.workspace = undefined;
  google.revoked = false;
  google.sendMail.mockReset().mockResolvedValue('gmail-1');
  ses.sendRawEmail.mockReset().mockResolvedValue('ses-1');
});

describe('mailSenderFor', () => {
  it('sends through SES when the organization has no Google Workspace connection', async () => {
    // Act
    const sender = await mailSenderFor(orgId);
    const id = await sender.send('ada@example.com', email, { senderName: 'Brightside' });

    // Assess
    expect(id).toBe('ses-1');
    expect(ses.sendRawEmail).toHaveBeenCalledWith(['ada@example.com'], email, { senderName: 'Brightside' });
    expect(google.sendMail).not.toHaveBeenCalled();
    expect(sender.describe()).toBe('');
  });

  it('sends the same MIME message through Gmail, from the connected account, unsubscribe headers included', async () => {
    // Prepare
    google.workspace = connected;

    // Act
    const sender = await mailSenderFor(orgId);
    const id = await sender.send('ada@example.com', email, {
      senderName: 'Brightside Plumbing',
      replyTo: 'dana@brightside.example',
    });

    // Assess
    expect(id).toBe('gmail:gmail-1');
    expect(ses.sendRawEmail).not.toHaveBeenCalled();
    const mime = google.sendMail.mock.calls[0]![0];
    expect(mime).toMatch(/^From: "Brightside Plumbing" <office@brightside\.example>\r$/m);
    expect(mime).toMatch(/^To: ada@example\.com\r$/m);
    expect(mime).toMatch(/^Reply-To: dana@brightside\.example\r$/m);
    expect(mime).toContain('List-Unsubscribe: <https://portico.test/api/unsubscribe?token=abc.def>');
    expect(mime).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(sender.describe()).toBe(' through Gmail as office@brightside.example');
  });

  it('falls back to SES when Google revoked the grant, for this send and the rest of the run', async () => {
    // Prepare
    google.workspace = connected;
    google.revoked = true;

    // Act
    const sender = await mailSenderFor(orgId);
    const first = await sender.send('ada@example.com', email, {});
    google.revoked = false;
    const second = await sender.send('bob@example.com', email, {});

    // Assess: no second Gmail attempt once Google said no.
    expect([first, second]).toEqual(['ses-1', 'ses-1']);
    expect(google.sendMail).not.toHaveBeenCalled();
    expect(sender.describe()).toContain(
      'Google revoked the Google Workspace access of office@brightside.example',
    );
  });

  it('fails the send (no SES fallback) when Gmail does not answer, so the run fails and its retry tries Gmail again', async () => {
    // Prepare
    google.workspace = connected;
    google.sendMail.mockRejectedValue(new GoogleUnavailableError('status 503'));

    // Act
    const sender = await mailSenderFor(orgId);

    // Assess
    await expect(sender.send('ada@example.com', email, {})).rejects.toBeInstanceOf(GoogleUnavailableError);
    expect(ses.sendRawEmail).not.toHaveBeenCalled();
  });
});
