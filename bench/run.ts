import { writeFileSync } from 'node:fs';
import { agendaBudgets, benchAgendaInChild } from './agenda';
import { benchBundles, budgets } from './bundles';
import { benchDigestFanOutInChild } from './digest';
import { benchEngagementParsing, benchOverviewPaging, overviewBudgets } from './engagements';
import { benchLeadForm, embedScriptSize, leadFormBudgets } from './lead-form';
import { benchRealtimeInChild } from './realtime';

/**
 * `npm run bench`: performance goals as ratios measured in one run on this machine, never as timed
 * test assertions. Prints a table and writes bench/results.json.
 */
const bundles = await benchBundles();

console.log(
  `\nFunction bundles (budgets: < ${budgets.bundleBytes / 1024} KiB; load at most ${budgets.loadRatioToTableClient}× a handler that only creates the DynamoDB client)`,
);
console.log(
  `empty handler loads in ${bundles.emptyLoadMs.toFixed(1)} ms; one that creates the DynamoDB client in ${bundles.tableClientLoadMs.toFixed(1)} ms; a module with one route (the shared HTTP middleware) in ${bundles.kernelLoadMs.toFixed(1)} ms (${(bundles.kernelLoadMs / bundles.tableClientLoadMs).toFixed(2)}× the client)\n`,
);
console.log(
  `${'function'.padEnd(24)}${'size KiB'.padStart(10)}${'size'.padStart(6)}${'start KiB'.padStart(11)}${'load ms'.padStart(10)}${'× client'.padStart(10)}${'load'.padStart(6)}${'× empty'.padStart(9)}`,
);
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
for (const fn of bundles.functions) {
  console.log(
    `${fn.name.padEnd(24)}${(fn.bytes / 1024).toFixed(0).padStart(10)}${verdict(fn.bundleWithinBudget).padStart(6)}${(fn.startBytes / 1024).toFixed(0).padStart(11)}${fn.loadMs.toFixed(1).padStart(10)}${fn.loadRatioToTableClient.toFixed(2).padStart(10)}${verdict(fn.loadWithinBudget).padStart(6)}${fn.loadRatio.toFixed(2).padStart(9)}`,
  );
}
const bundlesOver = bundles.functions.filter((fn) => !fn.bundleWithinBudget).map((fn) => fn.name);
const loadsOver = bundles.functions.filter((fn) => !fn.loadWithinBudget).map((fn) => fn.name);
console.log(
  `bundle budget: ${bundlesOver.length ? `FAIL (${bundlesOver.join(', ')})` : 'pass'}; load budget: ${loadsOver.length ? `FAIL (${loadsOver.join(', ')})` : 'pass'}`,
);

const parsing = await benchEngagementParsing();
console.log('\nEngagement checklist parsing (goal: a 2,000-task file parsed and summarized in under 20 ms)');
console.log(JSON.stringify(parsing, null, 2));

const overview = await benchOverviewPaging();
console.log(
  `\nAdmin overview of ${overview.engagements} engagements in ${overview.organizations} organizations, ${overview.pageSize} a page (budget: one paginated query a page, at most ${overviewBudgets.roundTrips} DynamoDB round trips a request)`,
);
console.log(
  `seeded in ${(overview.seedMs / 1000).toFixed(1)} s; ${overview.walks} timed walks of every query through the local gateway; ms are medians unless marked p95\n`,
);
console.log(
  `${'query'.padEnd(24)}${'pages'.padStart(6)}${'items'.padStart(7)}${'/page'.padStart(7)}${'read'.padStart(6)}${'trips'.padStart(7)}${'queries'.padStart(9)}${'page'.padStart(7)}${'p95'.padStart(7)}${'service'.padStart(9)}${'raw'.padStart(6)}${'× raw'.padStart(7)}  budget`,
);
for (const s of overview.scenarios) {
  console.log(
    `${s.query.padEnd(24)}${String(s.pages).padStart(6)}${String(s.items).padStart(7)}${String(s.itemsPerPage.median).padStart(7)}${String(s.itemsReadPerPage.median).padStart(6)}${String(s.roundTripsPerPage.max).padStart(7)}${String(s.queriesPerPage.max).padStart(9)}${s.pageMs.median.toFixed(1).padStart(7)}${s.pageMs.p95.toFixed(1).padStart(7)}${s.serviceMs.median.toFixed(1).padStart(9)}${s.rawQueryMs.toFixed(1).padStart(6)}${s.pageRatioToRawQuery.toFixed(2).padStart(7)}  ${s.withinBudget ? 'ok' : 'OVER'}`,
  );
}
for (const s of overview.scenarios) {
  if (!s.withinBudget)
    console.log(
      `OVER BUDGET: a page of ${s.query} took ${s.queriesPerPage.max} DynamoDB queries (budget: ${overviewBudgets.queriesPerPage})`,
    );
  if (s.roundTripsPerPage.max > overviewBudgets.roundTrips)
    console.log(
      `OVER BUDGET: a page of ${s.query} took ${s.roundTripsPerPage.max} DynamoDB round trips (budget: ${overviewBudgets.roundTrips})`,
    );
  if (s.items !== s.expectedItems || s.repeatedItems > 0)
    console.log(
      `WRONG: walking ${s.query} returned ${s.items} items (${s.repeatedItems} repeated), expected ${s.expectedItems}`,
    );
}
console.log(
  `a request's round trips: ${overview.scenarios[0]?.commandsPerPage.join(' + ')}; read = items DynamoDB read for the page`,
);

const leadForm = await benchLeadForm();
const embed = await embedScriptSize();
const fixed = (value: number, digits = 1) => value.toFixed(digits);
console.log(
  `\nPublic lead form through the local gateway, against raw PutItem on the same DynamoDB Local (budget: ${leadFormBudgets.roundTrips} DynamoDB round trips a request)`,
);
console.log(
  `${'run'.padEnd(36)}${'count'.padStart(7)}${'per s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`,
);
for (const [index, run] of leadForm.runs.entries()) {
  for (const [name, timing] of [
    ['submissions, one at a time', run.sequential.submissions],
    ['raw PutItem, one at a time', run.sequential.rawPuts],
    [`submissions, ${leadForm.concurrency} at a time`, run.concurrent.submissions],
    [`raw PutItem, ${leadForm.concurrency} at a time`, run.concurrent.rawPuts],
    [`bare lead writes, ${leadForm.concurrency} at a time`, run.concurrent.floor],
  ] as const) {
    console.log(
      `${`${index + 1}: ${name}`.padEnd(36)}${String(timing.count).padStart(7)}${fixed(timing.perSecond).padStart(8)}${fixed(timing.p50Ms).padStart(9)}${fixed(timing.p99Ms).padStart(9)}`,
    );
  }
  console.log(
    `   p50 ${fixed(run.ratios.p50)}× a raw PutItem; submissions/s ${fixed(run.ratios.share, 2)} of raw PutItems/s; the bare read and transaction of a new lead ${fixed(run.ratios.floorShare, 2)}`,
  );
}
console.log(
  `median of ${leadForm.runs.length} runs: a submission takes ${fixed(leadForm.ratios.p50)}× a raw PutItem at p50, ${fixed(leadForm.ratios.p99)}× at p99; submissions per second are ${fixed(leadForm.ratios.share, 2)} of raw PutItems per second (goal: at least ${fixed(leadFormBudgets.throughputShare, 2)}: ${leadForm.meetsThroughputGoal ? 'met' : 'NOT MET'}); a submission waits ${fixed(leadForm.dynamoMsPerSubmission)} ms on DynamoDB (mean); a new lead's read and transaction sent bare, without handler or consumers, reach ${fixed(leadForm.ratios.floorShare, 2)} of raw PutItems per second`,
);
console.log("DynamoDB time while submissions ran one at a time (the stream consumers' commands included):");
for (const command of leadForm.commands) {
  console.log(
    `  ${command.command.padEnd(20)} ${fixed(command.perSubmission, 2).padStart(5)} a submission  p50 ${fixed(command.p50Ms).padStart(6)} ms  ${fixed(command.share * 100, 0).padStart(3)}% of the time`,
  );
}
for (const kind of leadForm.kinds) {
  console.log(
    `  ${kind.kind.padEnd(26)} ${kind.status}  ${kind.roundTrips} round trip${kind.roundTrips === 1 ? '' : 's'} (${kind.commands.map((c) => c.replace(/Command$/, '')).join(', ')})  ${kind.withinBudget ? 'ok' : 'OVER'}`,
  );
}
console.log(
  `DynamoDB Local's price of a write, in raw PutItems (${leadForm.concurrency} at a time): ${leadForm.costs.map((cost) => `${cost.command} of ${cost.items} ${fixed(cost.putItems)}`).join('; ')}`,
);
console.log(
  `embed script: ${fixed(embed.bytes / 1024)} KiB minified, ${fixed(embed.gzipBytes / 1024)} KiB gzipped`,
);

const digest = await benchDigestFanOutInChild();
console.log(
  `\nDaily digest fan-out: ${digest.organizations} organizations due in the same hour (budget: no invocation loops over all organizations' work; one digest.due event and one invocation per organization)`,
);
console.log(
  `seeded in ${(digest.seedMs / 1000).toFixed(1)} s; the fan-out made ${digest.indexQueries} index queries (reading all due organizations alone: ${digest.indexReadMs.toFixed(0)} ms) and published ${digest.eventsPublished} events (${digest.eventsWithSeveralOrganizations} naming several organizations)`,
);
console.log(
  `fan-out invocation ${digest.fanOutMs.toFixed(0)} ms (${digest.fanOutMsPerOrganization.toFixed(2)} ms per organization, ${digest.fanOutToRunRatio.toFixed(1)}× one organization's digest run); all ${digest.runs} digests done after ${(digest.allDigestsMs / 1000).toFixed(1)} s (${digest.digestsPerSecond.toFixed(0)}/s on this machine, every invocation in this one process)`,
);
console.log(
  `one organization's digest run: median ${digest.runMs.median} ms, p95 ${digest.runMs.p95} ms; ${digest.distinctTriggers} distinct triggering events; ${digest.emailsSent} emails`,
);
if (digest.eventsPublished !== digest.organizations || digest.runs !== digest.organizations)
  console.log(
    `WRONG: ${digest.eventsPublished} events and ${digest.runs} runs for ${digest.organizations} organizations`,
  );

await (await import('./imports')).reportImports();

const agenda = await benchAgendaInChild();
console.log(
  `\nThe agenda of an event with ${agenda.sessions} sessions and ${agenda.speakers} speakers through GET …/agenda (budget: at most ${agendaBudgets.roundTrips} DynamoDB round trips)`,
);
console.log(
  `${agenda.reads} reads: ${agenda.roundTrips.max} round trips at most (${agenda.commands.join(', then ')}), ${(agenda.responseBytes / 1024).toFixed(0)} KiB answered, median ${agenda.medianMs.toFixed(0)} ms; ${agenda.withinBudget ? 'ok' : 'OVER BUDGET'}`,
);

const realtime = await benchRealtimeInChild();
const ms = (spread: { p50Ms: number; p99Ms: number; maxMs: number }) =>
  `p50 ${spread.p50Ms.toFixed(0)} ms, p99 ${spread.p99Ms.toFixed(0)} ms, max ${spread.maxMs.toFixed(0)} ms`;
console.log(
  `\nChat fan-out: ${realtime.clients} WebSocket clients in one room (goal: a message reaches every connection of a 1,000-member room)`,
);
console.log(
  `connected in ${(realtime.connectMs / 1000).toFixed(1)} s, joined in ${(realtime.joinMs / 1000).toFixed(1)} s; ${realtime.lost} fan-out jobs dead-lettered`,
);
console.log(`until all had a message  portico ${ms(realtime.portico.allReceivedMs)}`);
console.log(`                         bare ws ${ms(realtime.bareWs.allReceivedMs)}`);
console.log(
  `one client's arrival     portico ${ms(realtime.portico.arrivalMs)}; bare ws ${ms(realtime.bareWs.arrivalMs)}`,
);
console.log(
  `portico takes ${realtime.ratio.p50.toFixed(1)}× a bare ws broadcast at p50, ${realtime.ratio.p99.toFixed(1)}× at p99; the room sustains ${realtime.sustained.messagesPerSecond.toFixed(1)} messages/s (${realtime.sustained.deliveriesPerSecond.toFixed(0)} deliveries/s; ${realtime.sustained.messages} messages in ${(realtime.sustained.ms / 1000).toFixed(1)} s)`,
);

writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, budgets, bundles, parsing, overview, leadForm, embed, digest, realtime, agenda }, null, 2)}\n`,
);
console.log('\nWritten to bench/results.json');
