/** What other modules may use of automations (the due-work tick runs their steps). */
export { runDueStep } from './due-steps';
export { automationStepKind } from './step-repository';
