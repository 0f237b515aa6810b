/** What other modules may use of an organization's Google Workspace: its clients and its Gmail sender. */
export { loadWorkspace, WorkspaceRevokedError, withWorkspace } from './google';
export { type MailSender, mailSenderFor, sesSender } from './mail';
export type { WorkspaceConnectionItem } from './repository';
