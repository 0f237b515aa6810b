import { ulid } from 'ulid';

/**
 * `npx tsx infra/create-admin.ts <email> "<name>"` invites the first operator admin of a deployed stack
 * (every later user is invited from the admin console). Run it with AWS credentials and the stack's
 * settings in the environment: TABLE_NAME, EVENT_BUS_NAME, MAIL_FROM, APP_URL (see the stack outputs).
 */
const [email, name] = process.argv.slice(2);
if (!email || !name) {
  console.error('usage: npx tsx infra/create-admin.ts <email> "<name>"');
  process.exit(2);
}
process.env.WS_MANAGEMENT_ENDPOINT ??= 'https://unused.invalid';

const { inviteUser } = await import('../shared/identity/service');
const { inviteUserInput } = await import('../shared/identity/contracts');
const input = inviteUserInput.parse({ email, name, role: 'admin' });
// The invitation names its sender; for the first admin that is the platform itself.
const user = await inviteUser(
  { userId: ulid(), email: 'system', name: 'Portico', role: 'admin', orgId: null },
  input,
);
console.log(`Invited ${user.email} as operator admin; the invitation link is in their inbox (valid 7 days).`);
