import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface DemoSignIn {
  readonly role: 'admin' | 'owner' | 'member';
  readonly email: string;
  readonly password: string;
  readonly name?: string;
  readonly orgSlug?: string;
}

export interface RunningStack {
  readonly url: string;
  readonly signIns: readonly DemoSignIn[];
  readonly dataDir: string;
  /** Stops the whole process group (gateway, DynamoDB Local, s3rver) and deletes the data. */
  readonly stop: () => Promise<void>;
}

export interface OutboxMessage {
  readonly id: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sentAt: string;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const readyPrefix = 'PORTICO_READY ';

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
};

/**
 * Starts the product exactly as `npm start` does (after its frontend build), on a free port with a
 * throwaway data directory, and waits for its `PORTICO_READY` line.
 */
export const startStack = async ({ timeoutMs = 150_000 } = {}): Promise<RunningStack> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-e2e-'));
  const child = spawn('npx', ['tsx', 'infra/local/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORTICO_PORT: '0',
      PORTICO_DATA_DIR: dataDir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
    killGroup(child, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const ready = await new Promise<{ url: string; signIns: DemoSignIn[] }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The stack did not report ready within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (!line.startsWith(readyPrefix)) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line.slice(readyPrefix.length)));
        } catch (error) {
          reject(error);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The stack exited before it was ready (code ${code}, signal ${signal})`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return { ...ready, dataDir, stop };
  } catch (error) {
    await stop();
    process.stderr.write(`\n--- local stack stderr ---\n${stderr}\n--- end ---\n`);
    throw error;
  }
};

/** The local SES outbox, newest first. */
export const readOutbox = async (url: string): Promise<OutboxMessage[]> => {
  const response = await fetch(`${url}/_local/outbox.json`);
  if (!response.ok) throw new Error(`The outbox answered ${response.status}`);
  return (await response.json()) as OutboxMessage[];
};

/** Waits for an email to one address whose subject matches, and returns it. */
export const waitForEmail = async (
  url: string,
  to: string,
  subject: RegExp,
  timeoutMs = 15_000,
): Promise<OutboxMessage> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox(url)).find(
      (message) =>
        message.to.some((address) => address.toLowerCase() === to.toLowerCase()) &&
        subject.test(message.subject),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`No email to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** The first link in an email's text whose path is `pathname`. */
export const linkIn = (message: OutboxMessage, pathname: string): URL => {
  for (const match of `${message.text}\n${message.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    const link = new URL(match[0].replaceAll('&amp;', '&'));
    if (link.pathname === pathname) return link;
  }
  throw new Error(`No ${pathname} link in the email "${message.subject}"`);
};
