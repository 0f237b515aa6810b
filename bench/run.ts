import { writeFileSync } from 'node:fs';
import { benchBundles, budgets } from './bundles';
import { benchEngagementParsing } from './engagements';

/**
 * `npm run bench`: performance goals as ratios measured in one run on this machine, never as timed
 * test assertions. Prints a table and writes bench/results.json.
 */
const bundles = await benchBundles();

console.log(
  `\nFunction bundles (budget: < ${budgets.bundleBytes / 1024} KiB, load < ${budgets.loadRatio}× an empty handler)`,
);
console.log(
  `empty handler loads in ${bundles.emptyLoadMs.toFixed(1)} ms; one that creates the DynamoDB client in ${bundles.tableClientLoadMs.toFixed(1)} ms\n`,
);
console.log(
  `${'function'.padEnd(16)}${'size KiB'.padStart(10)}${'load ms'.padStart(10)}${'× empty'.padStart(9)}${'× client'.padStart(10)}  budget`,
);
for (const fn of bundles.functions) {
  console.log(
    `${fn.name.padEnd(16)}${(fn.bytes / 1024).toFixed(0).padStart(10)}${fn.loadMs.toFixed(1).padStart(10)}${fn.loadRatio.toFixed(2).padStart(9)}${fn.loadRatioToTableClient.toFixed(2).padStart(10)}  ${fn.withinBudget ? 'ok' : 'OVER'}`,
  );
}

const parsing = await benchEngagementParsing();
console.log('\nEngagement checklist parsing (goal: a 2,000-task file parsed and summarized in under 20 ms)');
console.log(JSON.stringify(parsing, null, 2));

writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, budgets, bundles, parsing }, null, 2)}\n`,
);
console.log('\nWritten to bench/results.json');
