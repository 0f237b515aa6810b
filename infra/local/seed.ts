import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ulid } from 'ulid';
import type { Principal } from '../../shared/auth/policy';
import { seedConference } from './seed-conference';

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

const day = 86_400_000;

/** What each demo organization's public lead form offers (`/lead/<slug>` and the embed). */
const demoLeadForms: Record<string, { services: string[]; intro: string }> = {
  'brightside-plumbing': {
    services: ['Water heater repair', 'Leak detection', 'Drain cleaning', 'Emergency call-out'],
    intro: 'Tell us what is going on; we call back the same business day.',
  },
  'northwind-events': {
    services: ['Speaking at an event', 'Sponsoring', 'Hosting an X Space'],
    intro: 'Founders, speakers and sponsors: say hello.',
  },
};

type DemoLeadStep = 'contacted' | 'qualified' | 'lost';

interface DemoLead {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly message: string;
  readonly serviceWanted: string;
  readonly source: 'form' | 'embed' | 'manual' | 'import';
  readonly daysAgo: number;
  readonly steps?: readonly DemoLeadStep[];
  readonly lostReason?: string;
  /** A job made from the lead (which moves it to won): in how many days, at what local time, for how much. */
  readonly job?: {
    readonly inDays: number;
    readonly at: string;
    readonly amountMinor: number;
    readonly done?: boolean;
  };
}

interface DemoJob {
  readonly title: string;
  readonly customer: { readonly name: string; readonly email: string | null; readonly phone: string | null };
  readonly inDays: number;
  readonly at: string;
  readonly amountMinor: number;
}

/** Leads in every stage of the pipeline and a few jobs, so the CRM pages have something to show. */
const demoCrm: Record<string, { currency: string; address: string; leads: DemoLead[]; jobs: DemoJob[] }> = {
  'brightside-plumbing': {
    currency: 'USD',
    address: 'Naperville, IL',
    leads: [
      {
        name: 'Maria Gonzalez',
        email: 'maria.gonzalez@example.com',
        phone: '+1 (630) 555-0142',
        message: 'Our 40-gallon water heater is leaking at the base.',
        serviceWanted: 'Water heater replacement',
        source: 'form',
        daysAgo: 9,
        steps: ['contacted', 'qualified'],
        job: { inDays: -3, at: '09:00', amountMinor: 164_900, done: true },
      },
      {
        name: 'Tom Becker',
        phone: '(630) 555-0187',
        message: 'Kitchen sink drains very slowly.',
        serviceWanted: 'Drain cleaning',
        source: 'embed',
        daysAgo: 4,
        steps: ['contacted'],
        job: { inDays: 2, at: '13:30', amountMinor: 18_500 },
      },
      {
        name: 'Priya Natarajan',
        email: 'priya.n@example.com',
        message: 'Looking for an estimate for a bathroom remodel in the spring.',
        serviceWanted: 'Bathroom remodel estimate',
        source: 'manual',
        daysAgo: 2,
        steps: ['contacted', 'qualified'],
      },
      {
        name: 'Gary Lindqvist',
        email: 'gary.lindqvist@example.com',
        phone: '+1 630 555 0110',
        message: 'Sump pump inspection before the rainy season.',
        serviceWanted: 'Sump pump inspection',
        source: 'import',
        daysAgo: 12,
        steps: ['lost'],
        lostReason: 'Went with another plumber',
      },
      {
        name: 'Hannah Cole',
        email: 'hannah.cole@example.com',
        message: 'Leaky faucet in the upstairs bathroom.',
        serviceWanted: 'Faucet repair',
        source: 'form',
        daysAgo: 0,
      },
    ],
    jobs: [
      {
        title: 'Annual boiler service',
        customer: { name: 'Oakridge Dental', email: 'office@oakridge-dental.example', phone: null },
        inDays: 5,
        at: '10:00',
        amountMinor: 22_000,
      },
    ],
  },
  'northwind-events': {
    currency: 'EUR',
    address: 'Berlin',
    leads: [
      {
        name: 'Lena Vogel',
        email: 'lena.vogel@example.com',
        message: 'We need a venue for a founder meetup of about 80 people.',
        serviceWanted: 'Founder meetup venue',
        source: 'form',
        daysAgo: 6,
        steps: ['contacted', 'qualified'],
        job: { inDays: 3, at: '16:00', amountMinor: 120_000 },
      },
      {
        name: 'Felix Braun',
        email: 'felix@braun-capital.example',
        phone: '+49 30 5550 1234',
        message: 'Interested in sponsoring the climate tech series.',
        serviceWanted: 'Sponsorship',
        source: 'manual',
        daysAgo: 1,
      },
    ],
    jobs: [],
  },
};

/** The local date `days` from now on an organization's clock, at a local time `HH:MM`. */
const localAt = (timeZone: string, days: number, time: string) =>
  `${new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now() + days * day)}T${time}`;

const seedCrm = async (admin: Principal, org: { id: string; slug: string; timeZone: string }) => {
  const crm = {
    ...(await import('../../shared/crm/changes')),
    ...(await import('../../shared/crm/leads')),
    ...(await import('../../shared/crm/jobs')),
  };
  const demo = demoCrm[org.slug];
  if (!demo) return;
  const actor = crm.actorOf(admin);
  const price = (amountMinor: number) => ({ amountMinor, currency: demo.currency });
  for (const entry of demo.leads) {
    let lead = await crm.createLead(
      actor,
      org.id,
      {
        name: entry.name,
        email: entry.email,
        phone: entry.phone,
        message: entry.message,
        serviceWanted: entry.serviceWanted,
        source: entry.source,
        notes: '',
      },
      new Date(Date.now() - entry.daysAgo * day),
    );
    for (const status of entry.steps ?? []) {
      lead = await crm.setLeadStatus(actor, org.id, lead.id, {
        version: lead.version,
        status,
        ...(status === 'lost' && entry.lostReason ? { reason: entry.lostReason } : {}),
      });
    }
    if (entry.job) {
      const job = await crm.createJob(actor, org.id, {
        fromLead: { leadId: lead.id, version: lead.version, markWon: true },
        address: demo.address,
        scheduledAt: localAt(org.timeZone, entry.job.inDays, entry.job.at),
        durationMinutes: 90,
        price: price(entry.job.amountMinor),
        notes: '',
      });
      if (entry.job.done) {
        const started = await crm.setJobStatus(actor, org.id, job.id, {
          version: job.version,
          status: 'in_progress',
        });
        await crm.setJobStatus(actor, org.id, job.id, { version: started.version, status: 'completed' });
      }
    }
  }
  for (const entry of demo.jobs) {
    await crm.createJob(actor, org.id, {
      customer: entry.customer,
      title: entry.title,
      address: demo.address,
      scheduledAt: localAt(org.timeZone, entry.inDays, entry.at),
      durationMinutes: 60,
      price: price(entry.amountMinor),
      notes: '',
    });
  }
};

/**
 * Brightside has its automations on (Northwind shows them off): its demo leads and jobs then alert its
 * users, queue follow-ups, reminders and a review request, and its digest goes out at 07:00 Chicago time.
 */
const seedAutomations = async (admin: Principal, orgId: string) => {
  const { updateAutomations } = await import('../../shared/automations/service');
  const { defaultFollowUpSteps } = await import('../../shared/automations/contracts');
  await updateAutomations(admin, orgId, {
    version: 0,
    leadCapture: {
      enabled: true,
      notifyUsers: true,
      googleSheetsRow: { enabled: false, spreadsheetUrl: null },
    },
    appointmentHelper: {
      enabled: true,
      sendConfirmation: true,
      addToCalendar: true,
      reminderMinutesBefore: 24 * 60,
      jobs: true,
      bookings: true,
    },
    followUpSequence: { enabled: true, steps: defaultFollowUpSteps },
    reviewRequest: {
      enabled: true,
      reviewUrl: 'https://g.page/r/brightside-plumbing-demo/review',
      delayHours: 24,
      quietHours: { start: '20:00', end: '08:00' },
    },
    dailyDigest: { enabled: true, hour: 7 },
  });
};

/**
 * On first start: an operator admin, two client organizations with owners (and one member), filled
 * profiles, an engagement each, and leads and jobs. The generated sign-ins are kept in the data folder so later starts can print them again.
 */
/**
 * A demo seeded before an event's rooms followed it has an event without its lobby and session rooms: on
 * each later start they are made the way the chat module makes them (those already there are left alone).
 */
const followDemoEvents = async () => {
  const { findOrganizationIdBySlug } = await import('../../shared/organizations/repository');
  const { listConferences } = await import('../../shared/conferences/repository');
  const { followConference } = await import('../../shared/chat/followed-rooms');
  const orgId = await findOrganizationIdBySlug('northwind-events');
  if (!orgId) return;
  for (const conference of await listConferences(orgId)) await followConference(orgId, conference.id, null);
};

export const seedDemo = async (dataDir: string | undefined): Promise<DemoSignIn[]> => {
  const file = dataDir ? resolve(dataDir, 'demo-sign-ins.json') : undefined;
  if (file && existsSync(file)) {
    await followDemoEvents();
    return JSON.parse(readFileSync(file, 'utf8')) as DemoSignIn[];
  }

  // Imported here: these modules read the local cloud's configuration when they load.
  const { hashPassword } = await import('../../shared/auth/passwords');
  const { createUser } = await import('../../shared/identity/repository');
  const { createOrganization, updateProfile } = await import('../../shared/organizations/service');
  const { createEngagement, setTaskStatus } = await import('../../shared/engagements/service');
  const leadForms = await import('../../shared/lead-form/service');

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
    if (org.slug === 'brightside-plumbing') await seedAutomations(admin, org.id);
    if (org.slug === 'northwind-events') await seedConference(admin, org.id);
    await seedCrm(admin, org);
    const leadForm = demoLeadForms[org.slug];
    if (leadForm) await leadForms.saveSettings(admin, org.id, { version: 0, ...leadForm });
  }
  if (file) writeFileSync(file, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return signIns;
};
