export { loadWorkspace, WorkspaceRevokedError, withWorkspace } from './google';
export { type MailSender, mailSenderFor, sesSender } from './mail';
export { type WorkspaceConnectionItem, workspaceConnectionItem } from './repository';
