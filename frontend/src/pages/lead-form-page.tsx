import { type CSSProperties, useEffect, useState } from 'react';
import { leadFormRoutes, type PublicFormView } from '../../../shared/lead-form/contracts';
import { textOn } from '../../embed/form';
import { LeadFormHost } from '../components/lead-form-host';
import { ApiError, call, errorMessage } from '../lib/api';
import { useTitle } from '../lib/use-title';
import './lead-form-page.css';

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly config: PublicFormView }
  | { readonly status: 'unavailable'; readonly title: string; readonly message: string };

/**
 * The hosted lead form, `/lead/<slug>`: a page of the static site (CloudFront and the local gateway both
 * serve the app for it) that reads the form's public configuration and draws the same form as the embed.
 */
export const LeadFormPage = ({ slug }: { readonly slug: string }) => {
  const [state, setState] = useState<State>({ status: 'loading' });
  useTitle(state.status === 'ready' ? `Contact ${state.config.organizationName}` : 'Contact');

  useEffect(() => {
    const controller = new AbortController();
    call(leadFormRoutes.getForm, { params: { slug }, signal: controller.signal })
      .then((config) => setState({ status: 'ready', config }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const status = caught instanceof ApiError ? caught.status : 0;
        setState(
          status === 404
            ? {
                status: 'unavailable',
                title: 'No form here',
                message: 'There is no contact form at this address.',
              }
            : status === 410
              ? {
                  status: 'unavailable',
                  title: 'This form is closed',
                  message: 'It no longer takes requests.',
                }
              : {
                  status: 'unavailable',
                  title: 'The form could not be loaded',
                  message: errorMessage(caught),
                },
        );
      });
    return () => controller.abort();
  }, [slug]);

  const config = state.status === 'ready' ? state.config : null;
  const style = config
    ? ({
        '--lead-accent': config.color,
        '--lead-on-accent': textOn(config.color),
      } as CSSProperties)
    : undefined;

  return (
    <div className="lead-page" style={style}>
      <main id="main" className="lead-page__main" tabIndex={-1}>
        {state.status === 'loading' ? (
          <div className="splash" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading the form…
          </div>
        ) : state.status === 'unavailable' ? (
          <div className="card card__padded">
            <h1 className="page-title">{state.title}</h1>
            <p>{state.message}</p>
          </div>
        ) : (
          <>
            <header className="lead-page__header">
              {state.config.logoUrl ? (
                <img className="lead-page__logo" src={state.config.logoUrl} alt="" />
              ) : null}
              <h1 className="lead-page__title">{state.config.organizationName}</h1>
            </header>
            <LeadFormHost slug={slug} source="form" config={state.config} />
          </>
        )}
      </main>
      <footer className="lead-page__footer">Secure form by Portico</footer>
    </div>
  );
};
