import { eventConsumer } from '../../shared/events/consumer';
import { runStep } from '../../shared/imports/steps';

export const handler = eventConsumer('import-steps', 'import.step-due', runStep);
