/**
 * What other modules may use of an organization's Google Workspace: its clients, its Gmail sender and its
 * connection as stored.
 */
export { loadWorkspace, WorkspaceRevokedError, withWorkspace } from './google';
export { type MailSender, mailSenderFor, sesSender } from './mail';
export { type WorkspaceConnectionItem, workspaceConnectionItem } from './repository';
