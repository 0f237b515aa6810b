export { allTasks, defaultTemplate, parseChecklist, setTaskStatus } from './markdown';
export { summarize } from './summary';
