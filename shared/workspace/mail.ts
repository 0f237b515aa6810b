import type { RenderedEmail } from '../email/render';
import { mimeEmail, type RawEmailOptions, sendRawEmail } from '../email/send';
import { loadWorkspace, WorkspaceRevokedError, withWorkspace } from './google';

/**
 * Who sends an organization's automation mail. With Google Workspace connected: Gmail
 * (`users.messages.send`), as the organization's account, the same MIME message SES would get — its
 * `List-Unsubscribe` headers included. Otherwise, or once Google revokes the grant: SES, as before.
 *
 * The fallback rule: a revoked grant (`invalid_grant`) is not a reason to fail the run — no retry could
 * fix it before someone reconnects, and the recipient would get nothing. The connection turns `revoked`
 * (the owners hear once) and this send, and the rest of the run's, go through SES. Gmail not answering
 * (timeouts, 429, 5xx) and Gmail refusing the message fail the send like an SES failure does: the claim
 * is given back and the run fails, retryable, and its retry tries Gmail again.
 */
export interface MailSender {
  /** Sends one message to one recipient; returns the provider's message id. */
  send(to: string, email: RenderedEmail, options: RawEmailOptions): Promise<string>;
  /** How the run's mail went out, for its detail line: "" when all of it went through SES as usual. */
  describe(): string;
}

/** Portico's own sender (SES), for organizations without Google Workspace. */
export const sesSender: MailSender = {
  send: (to, email, options) => sendRawEmail([to], email, options),
  describe: () => '',
};

/** The sender of one run's mail, read once per run. */
export const mailSenderFor = async (orgId: string): Promise<MailSender> => {
  const workspace = await loadWorkspace(orgId);
  if (!workspace) return sesSender;
  const { account } = workspace.connection;
  let viaGmail = 0;
  let revoked = false;
  return {
    send: async (to, email, options) => {
      if (!revoked) {
        try {
          const id = await withWorkspace(workspace, (client) =>
            client.sendMail(mimeEmail([to], email, { ...options, fromAddress: account })),
          );
          viaGmail++;
          return `gmail:${id}`;
        } catch (error) {
          if (!(error instanceof WorkspaceRevokedError)) throw error;
          revoked = true;
        }
      }
      return sendRawEmail([to], email, options);
    },
    describe: () =>
      revoked
        ? `; Google revoked the Google Workspace access of ${account}, so ${viaGmail ? 'the rest' : 'it'} went through Portico's email`
        : viaGmail
          ? ` through Gmail as ${account}`
          : '',
  };
};
