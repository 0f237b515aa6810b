import { bind } from '../../shared/http/module';
import { leadFormRoutes } from '../../shared/lead-form/contracts';
import { leadFormModule } from '../../shared/lead-form/cors';
import { getPublicFormRoute } from './get-public-form';
import { preflightPublicFormRoute } from './preflight-public-form';
import { preflightSubmitLeadRoute } from './preflight-submit-lead';
import { submitLeadRoute } from './submit-lead';

export const handler = leadFormModule([
  bind(leadFormRoutes.getForm, getPublicFormRoute),
  bind(leadFormRoutes.preflightForm, preflightPublicFormRoute),
  bind(leadFormRoutes.submit, submitLeadRoute),
  bind(leadFormRoutes.preflightSubmit, preflightSubmitLeadRoute),
]);
