import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const resultPrefix = 'BENCH_RESULT ';

/** Whether the module at `moduleUrl` is the one node was started with (the child's side of `inChild`). */
export const isBenchProcess = (moduleUrl: string): boolean =>
  Boolean(process.argv[1]) && moduleUrl === pathToFileURL(resolve(process.argv[1]!)).href;

/** The child's side: runs the measurement, prints its result for the parent and ends the process. */
export const reportToParent = async (measure: () => Promise<unknown>): Promise<never> => {
  const result = await measure();
  process.stdout.write(`${resultPrefix}${JSON.stringify(result)}\n`);
  process.exit(0);
};

/**
 * Runs the bench module at `moduleUrl` in a new process with `args`, and resolves with the result it
 * reported. A child that hangs for `timeoutMinutes` is stopped and the bench fails.
 */
export const inChild = <T>(
  moduleUrl: string,
  args: readonly string[] = [],
  timeoutMinutes = 30,
): Promise<T> =>
  new Promise<T>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(moduleUrl), ...args], {
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMinutes * 60_000);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((candidate) => candidate.startsWith(resultPrefix));
      if (code === 0 && line) done(JSON.parse(line.slice(resultPrefix.length)) as T);
      else fail(new Error(`${fileURLToPath(moduleUrl)} exited with ${code}:\n${output}`));
    });
  });
