import { type ChildProcess, spawn } from 'node:child_process';

export interface DemoSignIn {
  readonly role: 'admin' | 'owner' | 'member';
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly orgSlug?: string;
}

export interface StackInfo {
  readonly url: string;
  readonly signIns: DemoSignIn[];
  readonly endpoints: { readonly dynamodb: string; readonly s3: string };
}

/**
 * Starts the product exactly as `npm start` does (in memory, on a free port) and resolves with what it
 * prints on its `PORTICO_READY` line.
 */
export const startStack = async (
  env: Record<string, string> = {},
): Promise<{ info: StackInfo; process: ChildProcess; stop: () => Promise<void> }> => {
  const child = spawn('npx', ['tsx', 'infra/local/start.ts'], {
    env: { ...process.env, PORTICO_PORT: '0', PORTICO_IN_MEMORY: '1', PORTICO_SCHEDULES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const info = await new Promise<StackInfo>((resolve, reject) => {
    let stdout = '';
    // Seeding hashes every demo password with scrypt: on a busy shared machine that takes a while.
    const timer = setTimeout(() => {
      // Detached: without this the stack (and its DynamoDB Local) would outlive the failed run.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`The local stack did not start in 180 s:\n${stderr}`));
    }, 180_000);
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('PORTICO_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('PORTICO_READY '.length)) as StackInfo);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local stack exited with ${code}:\n${stderr}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  return { info, process: child, stop };
};
