/** What other code may use of engagements: the checklist parser and its summary (the benchmarks' fixtures). */
export { allTasks, defaultTemplate, parseChecklist, setTaskStatus } from './markdown';
export { summarize } from './summary';
