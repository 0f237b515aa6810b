import { mountLeadForm } from './form';

/**
 * The embed snippet's script. Each `<script src=".../embed/lead-form.js" data-portico-form="<slug>">` on
 * the page gets its organization's form, drawn right after the script tag (or into the element that
 * `data-portico-target` selects) and sent to the Portico that served this script.
 */
const mount = (script: HTMLScriptElement) => {
  const slug = script.dataset.porticoForm;
  if (!slug || script.dataset.porticoMounted) return;
  script.dataset.porticoMounted = 'true';
  const selector = script.dataset.porticoTarget;
  const target = selector ? document.querySelector<HTMLElement>(selector) : null;
  const host = target ?? document.createElement('div');
  if (!target) {
    host.className = 'portico-lead-form';
    // A script in <head> has no place on the page: the form goes at the end of the body instead.
    if (script.parentElement && script.parentElement !== document.head) script.after(host);
    else document.body.append(host);
  }
  mountLeadForm(host, { apiBase: new URL(script.src).origin, slug, source: 'embed' });
};

const mountAll = () => {
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[data-portico-form]'))
    mount(script);
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
