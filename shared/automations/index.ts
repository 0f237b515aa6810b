export { runDueStep } from './due-steps';
export { automationStepKind } from './step-repository';
