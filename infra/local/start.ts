import { type LocalCloud, startLocalCloud } from './cloud';
import { JavaMissingError } from './dynamodb';
import { seedDemo } from './seed';

/**
 * `npm start`: the whole product on this machine. PORTICO_PORT (default 3000; 0 = any free port) and
 * PORTICO_DATA_DIR (default .local) change where it listens and keeps data.
 */
const port = Number(process.env.PORTICO_PORT ?? 3000);
// PORTICO_IN_MEMORY=1 keeps nothing: the test runs start the cloud this way.
const dataDir =
  process.env.PORTICO_IN_MEMORY === '1' ? undefined : (process.env.PORTICO_DATA_DIR ?? '.local');

let cloud: LocalCloud | undefined;
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await cloud?.stop().catch(() => undefined);
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

try {
  cloud = await startLocalCloud({ port, dataDir, schedules: process.env.PORTICO_SCHEDULES !== '0' });
  const signIns = await seedDemo(dataDir);
  // Busy time in the stand-in's calendar, so free/busy visibly shapes the demo's slots.
  const standIn = cloud.env.GOOGLE_STAND_IN === '1';
  if (standIn) cloud.google.seedDemo(new Date());
  const width = Math.max(...signIns.map((s) => s.email.length));
  console.log(`
Portico is running at ${cloud.url}

  Dashboard        ${cloud.url}/
  API reference    ${cloud.url}/api/docs
  Email outbox     ${cloud.url}/_local/outbox${
    standIn
      ? `
  Google stand-in  ${cloud.url}/_local/google  (no Google credentials set: a local calendar)`
      : ''
  }

Demo sign-ins (generated on first start, ${dataDir ? `kept in ${dataDir}/demo-sign-ins.json` : 'in memory only'}):
${signIns.map((s) => `  ${s.role.padEnd(7)} ${s.email.padEnd(width)}  ${s.password}${s.orgSlug ? `  (${s.orgSlug})` : ''}`).join('\n')}

${dataDir ? `Data is kept in ${dataDir}/.` : 'Nothing is kept.'} Press Ctrl-C to stop.
`);
  console.log(
    `PORTICO_READY ${JSON.stringify({ url: cloud.url, signIns, endpoints: { dynamodb: cloud.env.DYNAMODB_ENDPOINT, s3: cloud.env.S3_ENDPOINT } })}`,
  );
} catch (error) {
  if (error instanceof JavaMissingError) console.error(error.message);
  else console.error('Portico could not start:', error);
  await stop(1);
}
