import { useEffect, useRef } from 'react';
import type { PublicFormView } from '../../../shared/lead-form/contracts';
import { type LeadFormOptions, mountLeadForm } from '../../embed/form';

interface LeadFormHostProps {
  readonly slug: string;
  readonly source: LeadFormOptions['source'];
  /** The configuration to draw; without it the form fetches its own. */
  readonly config?: PublicFormView;
  readonly preview?: boolean;
  readonly label?: string;
}

/**
 * The visitor's lead form inside the app: the same Shadow DOM form the embed script draws, so the hosted
 * page and the preview show exactly what client sites show.
 */
export const LeadFormHost = ({ slug, source, config, preview, label }: LeadFormHostProps) => {
  const host = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const mounted = mountLeadForm(host.current, { apiBase: '', slug, source, config, preview });
    return mounted.destroy;
  }, [slug, source, config, preview]);
  // Named, it is a region of its page (the dashboard's preview); unnamed, just the form.
  return <section ref={host} className="lead-form-host" aria-label={label} />;
};
