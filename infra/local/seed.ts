import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ulid } from 'ulid';
import type { Principal } from '../../shared/auth/policy';

export interface DemoSignIn {
  readonly role: 'admin' | 'owner' | 'member';
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly orgSlug?: string;
}

/** Readable, random, never fixed in code: 4 groups of 4 characters. */
const generatePassword = () =>
  randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').match(/.{4}/g)!.join('-');

const demoOrganizations = [
  {
    name: 'Brightside Plumbing',
    slug: 'brightside-plumbing',
    timeZone: 'America/Chicago',
    allowedOrigins: ['https://brightside-plumbing.example'],
    branding: { color: '#0b7285', logoUrl: null },
    profile: {
      summary: 'Family-run plumbing and heating for the Chicago suburbs since 1998.',
      website: 'https://brightside-plumbing.example',
      socialLinks: { x: 'https://x.com/brightsideplumb' },
      focusTopics: ['Water heaters', 'Emergency repairs', 'Local SEO'],
    },
    owner: { name: 'Dana Rivera', email: 'dana@brightside-plumbing.example' },
    project: 'Spring Water Heater Campaign',
    tasksDone: 6,
    member: { name: 'Sam Okafor', email: 'sam@brightside-plumbing.example' },
  },
  {
    name: 'Northwind Events',
    slug: 'northwind-events',
    timeZone: 'Europe/Berlin',
    allowedOrigins: ['https://northwind-events.example'],
    branding: { color: '#5f3dc4', logoUrl: null },
    profile: {
      summary: 'Community events and X Spaces for founders in Berlin.',
      website: 'https://northwind-events.example',
      socialLinks: {
        x: 'https://x.com/northwindevents',
        linkedin: 'https://linkedin.com/company/northwind-events',
      },
      focusTopics: ['Founder stories', 'Climate tech'],
    },
    owner: { name: 'Jonas Weber', email: 'jonas@northwind-events.example' },
    project: 'Founders Space Series',
    tasksDone: 2,
  },
] as const;

/**
 * On first start: an operator admin, two client organizations with owners (and one member), filled
 * profiles. The generated sign-ins are kept in the data folder so later starts can print them again.
 */
export const seedDemo = async (dataDir: string | undefined): Promise<DemoSignIn[]> => {
  const file = dataDir ? resolve(dataDir, 'demo-sign-ins.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSignIn[];

  // Imported here: these modules read the local cloud's configuration when they load.
  const { hashPassword } = await import('../../shared/auth/passwords');
  const { createUser } = await import('../../shared/identity/repository');
  const { createOrganization, updateProfile } = await import('../../shared/organizations/service');
  const { createEngagement, setTaskStatus } = await import('../../shared/engagements/service');

  const signIns: DemoSignIn[] = [];
  const now = new Date().toISOString();
  const addUser = async (
    role: DemoSignIn['role'],
    name: string,
    email: string,
    orgId: string | null,
    orgSlug?: string,
  ) => {
    const password = generatePassword();
    const id = ulid();
    await createUser({
      id,
      email,
      name,
      role,
      orgId,
      status: 'active',
      passwordHash: await hashPassword(password),
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
      invitedBy: null,
    });
    signIns.push({ role, name, email, password, ...(orgSlug ? { orgSlug } : {}) });
    return id;
  };

  const adminId = await addUser('admin', 'Avery Operator', 'admin@portico.localhost', null);
  const admin: Principal = {
    userId: adminId,
    email: 'admin@portico.localhost',
    name: 'Avery Operator',
    role: 'admin',
    orgId: null,
  };
  for (const demo of demoOrganizations) {
    const { profile, owner, ...fields } = demo;
    const org = await createOrganization(admin, { ...fields, allowedOrigins: [...fields.allowedOrigins] });
    await updateProfile(admin, org.id, { version: 0, ...profile, focusTopics: [...profile.focusTopics] });
    await addUser('owner', owner.name, owner.email, org.id, org.slug);
    // An engagement from the default template with the first tasks done, so the dashboards show progress.
    let engagement = await createEngagement(admin, org.id, {
      projectName: demo.project,
      clientCanEditTasks: true,
    });
    for (const task of engagement.checklist.flatMap((phase) => phase.tasks).slice(0, demo.tasksDone)) {
      engagement = await setTaskStatus(admin, org.id, engagement.id, task.id, {
        version: engagement.version,
        status: 'done',
      });
    }
    if ('member' in demo) await addUser('member', demo.member.name, demo.member.email, org.id, org.slug);
  }
  if (file) writeFileSync(file, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return signIns;
};
