import type { PublicFormField, PublicFormView } from '../../shared/lead-form/contracts';
import { honeypotField, idempotencyKeyHeader } from '../../shared/lead-form/protocol';

/**
 * The lead form as visitors see it, in plain DOM so the embed script stays small: the embed, the hosted
 * page (`/lead/<slug>`) and the dashboard's preview all draw it with this one function. It lives in a
 * Shadow DOM, so the host page's styles cannot reach in and its own cannot leak out. Every text it shows
 * goes in as `textContent` — never as markup — whoever wrote it.
 */

export interface LeadFormOptions {
  /** The API's origin; '' for the page's own (the hosted page). */
  readonly apiBase: string;
  readonly slug: string;
  /** `embed` on the organization's site, `form` on the hosted page. */
  readonly source: 'form' | 'embed';
  /** Draw this configuration instead of fetching it. */
  readonly config?: PublicFormView;
  /** Draw the form but send nothing: the dashboard's live preview. */
  readonly preview?: boolean;
  /** The page the form is on, for its `utm_*` parameters, referrer and address. @default the window's */
  readonly page?: { readonly href: string; readonly referrer: string };
}

export interface MountedForm {
  /** Removes what the form drew. */
  readonly destroy: () => void;
}

const styles = `
:host { all: initial; display: block; --pf-accent: #3b5bdb; --pf-on-accent: #fff; }
* { box-sizing: border-box; }
.pf { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2430;
  background: #fff; border: 1px solid #d9dee7; border-top: 4px solid var(--pf-accent); border-radius: 12px;
  padding: 20px; max-width: 560px; margin: 0 auto; }
.pf h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 4px; }
.pf p { margin: 0; }
.pf-head { display: flex; gap: 12px; align-items: center; margin-bottom: 12px; }
.pf-logo { width: 40px; height: 40px; border-radius: 8px; object-fit: contain; }
.pf-intro, .pf-hint, .pf-foot { color: #596275; font-size: 0.9rem; }
.pf .pf-hint { margin-bottom: 16px; }
.pf-field { margin-bottom: 14px; }
.pf label { display: block; font-weight: 600; font-size: 0.95rem; margin-bottom: 4px; }
.pf-optional { font-weight: 400; color: #596275; }
.pf input, .pf select, .pf textarea { width: 100%; font: inherit; color: inherit; background: #fff;
  border: 1px solid #b8c0cc; border-radius: 8px; padding: 10px 12px; min-height: 44px; }
.pf textarea { min-height: 110px; resize: vertical; }
.pf input:focus, .pf select:focus, .pf textarea:focus, .pf button:focus-visible {
  outline: 3px solid var(--pf-accent); outline-offset: 1px; }
.pf [aria-invalid="true"] { border-color: #c92a2a; }
.pf-error { color: #c92a2a; font-size: 0.9rem; margin-top: 4px; }
.pf-alert { border-radius: 8px; padding: 10px 12px; margin-bottom: 14px; background: #fff5f5;
  color: #a61e1e; border: 1px solid #ffc9c9; }
.pf-alert--note { background: #f1f3f5; color: #343a40; border-color: #dee2e6; }
.pf button { font: inherit; font-weight: 600; border: 0; border-radius: 8px; padding: 10px 20px;
  min-height: 44px; cursor: pointer; background: var(--pf-accent); color: var(--pf-on-accent); }
.pf button[disabled] { opacity: 0.7; cursor: progress; }
.pf-trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.pf .pf-foot { margin-top: 14px; font-size: 0.8rem; }
.pf-done:focus { outline: none; }
.pf-done button { margin-top: 14px; }
[hidden] { display: none !important; }
`;

type Tag = keyof HTMLElementTagNameMap;

/** An element with a class and, optionally, text — as text, never as markup. */
const el = <K extends Tag>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
};

const adoptStyles = (root: ShadowRoot) => {
  // Constructed style sheets are not inline styles, so a host page's strict CSP does not block them.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', undefined, styles));
  }
};

/** White or near-black text on the brand colour, whichever reads better. */
export const textOn = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return luminance > 0.45 ? '#111418' : '#ffffff';
};

/** A random key per submission attempt; `crypto.randomUUID` needs a secure page, this does not. */
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );

const pageUrl = (value: string) =>
  /^https?:\/\//i.test(value) && value.length <= 2048 ? value.split('#')[0] : undefined;

const utmOf = (href: string) => {
  const utm: Record<string, string> = {};
  let params: URLSearchParams;
  try {
    params = new URL(href).searchParams;
  } catch {
    return utm;
  }
  for (const name of ['source', 'medium', 'campaign', 'term', 'content']) {
    const value = params.get(`utm_${name}`)?.trim();
    if (value) utm[name] = value.slice(0, 200);
  }
  return utm;
};

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Problem {
  readonly status: number;
  readonly detail?: string;
  readonly errors?: { path: string; message: string }[];
}

const readProblem = async (response: Response): Promise<Problem> => {
  try {
    return { ...((await response.json()) as Problem), status: response.status };
  } catch {
    return { status: response.status };
  }
};

const waitText = (response: Response) => {
  const seconds = Number(response.headers.get('retry-after'));
  if (!Number.isFinite(seconds) || seconds <= 0) return 'in a few minutes';
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
};

/** Draws the form for `options.slug` into `host` and sends it to the API. */
export const mountLeadForm = (host: HTMLElement, options: LeadFormOptions): MountedForm => {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  adoptStyles(root);
  const frame = el('div', 'pf');
  frame.setAttribute('part', 'form');
  root.append(frame);
  const base = options.apiBase.replace(/\/$/, '');
  const slug = encodeURIComponent(options.slug);
  const page = options.page ?? { href: window.location.href, referrer: document.referrer };
  let destroyed = false;

  const showMessage = (title: string, text: string) => {
    frame.replaceChildren(el('h2', undefined, title), el('p', 'pf-intro', text));
  };

  const draw = (config: PublicFormView) => {
    if (/^#[0-9a-f]{6}$/i.test(config.color)) {
      host.style.setProperty('--pf-accent', config.color);
      host.style.setProperty('--pf-on-accent', textOn(config.color));
    }
    const form = el('form');
    form.noValidate = true;
    const titleId = 'pf-title';
    form.setAttribute('aria-labelledby', titleId);

    const head = el('div', 'pf-head');
    if (config.logoUrl?.startsWith('https://')) {
      const logo = el('img', 'pf-logo');
      logo.src = config.logoUrl;
      logo.alt = '';
      head.append(logo);
    }
    const headings = el('div');
    const title = el('h2', undefined, `Contact ${config.organizationName}`);
    title.id = titleId;
    headings.append(title);
    if (config.intro) headings.append(el('p', 'pf-intro', config.intro));
    head.append(headings);
    form.append(
      head,
      el('p', 'pf-hint', 'Leave an email address or a phone number, so we can get back to you.'),
    );

    const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
    const errors = new Map<string, HTMLElement>();
    for (const field of config.fields) form.append(drawField(field, inputs, errors));

    // The honeypot: off-screen and out of the tab order, so only bots fill it in.
    const trap = el('div', 'pf-trap');
    trap.setAttribute('aria-hidden', 'true');
    const trapLabel = el('label', undefined, 'Website');
    const trapInput = el('input');
    trapInput.name = honeypotField;
    trapInput.tabIndex = -1;
    trapInput.autocomplete = 'off';
    trapLabel.append(trapInput);
    trap.append(trapLabel);
    form.append(trap);

    const alert = el('div', 'pf-alert');
    alert.setAttribute('role', 'alert');
    alert.hidden = true;
    const button = el('button', undefined, 'Send');
    button.type = 'submit';
    form.append(alert, button, el('p', 'pf-foot', `${config.organizationName} receives what you send here.`));
    frame.replaceChildren(form);

    // One key per attempt: a double click or a retry of the same text sends it again, and the API stores one
    // lead; any change makes it a new attempt.
    let key = newKey();
    form.addEventListener('input', () => {
      key = newKey();
    });

    const say = (text: string, note = false) => {
      alert.textContent = text;
      alert.className = note ? 'pf-alert pf-alert--note' : 'pf-alert';
      alert.hidden = false;
    };
    const showErrors = (list: readonly { path: string; message: string }[]) => {
      let first: HTMLElement | undefined;
      const unplaced: string[] = [];
      for (const { path, message } of list) {
        const input = inputs.get(path);
        const error = errors.get(path);
        if (!input || !error) {
          unplaced.push(message);
          continue;
        }
        input.setAttribute('aria-invalid', 'true');
        error.textContent = message;
        error.hidden = false;
        first ??= input;
      }
      if (unplaced.length) say(unplaced.join(' '));
      else if (list.length) say('Please check the fields marked below.');
      first?.focus();
    };
    const clearErrors = () => {
      alert.hidden = true;
      for (const [name, input] of inputs) {
        input.removeAttribute('aria-invalid');
        errors.get(name)!.hidden = true;
      }
    };
    const value = (name: string) => inputs.get(name)?.value.trim() ?? '';

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (button.disabled) return;
      clearErrors();
      const problems: { path: string; message: string }[] = [];
      if (!value('name')) problems.push({ path: 'name', message: 'Please tell us your name.' });
      if (value('email') && !emailLike.test(value('email')))
        problems.push({ path: 'email', message: 'This does not look like an email address.' });
      if (!value('email') && !value('phone'))
        problems.push({ path: 'email', message: 'Give an email address or a phone number.' });
      if (problems.length) return showErrors(problems);
      if (options.preview) return say('This is a preview: nothing is sent.', true);

      const body: Record<string, unknown> = { name: value('name'), source: options.source };
      for (const name of ['email', 'phone', 'service', 'message']) if (value(name)) body[name] = value(name);
      body[honeypotField] = trapInput.value;
      const utm = utmOf(page.href);
      if (Object.keys(utm).length) body.utm = utm;
      const referrer = pageUrl(page.referrer);
      const landingPage = pageUrl(page.href);
      if (referrer) body.referrer = referrer;
      if (landingPage) body.landingPage = landingPage;

      button.disabled = true;
      button.textContent = 'Sending…';
      void send(body, key)
        .then(async (response) => {
          if (destroyed) return;
          if (response.ok) return showThanks(config);
          const problem = await readProblem(response);
          if (response.status === 400 && problem.errors?.length) return showErrors(problem.errors);
          if (response.status === 429)
            return say(
              `Too many requests came from your network just now. Please try again ${waitText(response)}.`,
            );
          if (response.status === 410) return say('This form no longer takes requests.');
          if (response.status === 403) return say('This form cannot be used on this website.');
          say(
            response.status >= 500
              ? 'Something went wrong on our side. Please try again in a moment.'
              : (problem.detail ?? 'Your request could not be sent.'),
          );
        })
        .catch(() => {
          if (!destroyed) say('Could not send. Check your connection and try again.');
        })
        .finally(() => {
          button.disabled = false;
          button.textContent = 'Send';
        });
    });
  };

  const send = (body: Record<string, unknown>, key: string) =>
    fetch(`${base}/api/public/leads/${slug}`, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', [idempotencyKeyHeader]: key },
      body: JSON.stringify(body),
    });

  const showThanks = (config: PublicFormView) => {
    const done = el('div', 'pf-done');
    done.setAttribute('role', 'status');
    done.tabIndex = -1;
    const again = el('button', undefined, 'Send another request');
    again.type = 'button';
    again.addEventListener('click', () => draw(config));
    done.append(
      el('h2', undefined, 'Thank you!'),
      el('p', 'pf-intro', `${config.organizationName} has your request and will get back to you soon.`),
      again,
    );
    frame.replaceChildren(done);
    done.focus();
  };

  if (options.config) draw(options.config);
  else {
    frame.append(el('p', 'pf-intro', 'Loading the form…'));
    fetch(`${base}/api/public/forms/${slug}`, { mode: 'cors', credentials: 'omit' })
      .then(async (response) => {
        if (destroyed) return;
        if (response.ok) return draw((await response.json()) as PublicFormView);
        if (response.status === 410)
          return showMessage('This form is closed', 'It no longer takes requests.');
        showMessage('This form is not available', 'Please try again later.');
      })
      .catch(() => {
        if (destroyed) return;
        showMessage('This form could not be loaded', 'Please try again later.');
        // A refused origin gets no CORS headers, so the browser reports a network error: tell the developer.
        console.warn(
          `Portico: the lead form "${options.slug}" did not load. If this site is new, ask for ${window.location.origin} to be added to the form's allowed origins.`,
        );
      });
  }

  return {
    destroy: () => {
      destroyed = true;
      root.replaceChildren();
    },
  };
};

/** Ids are scoped to the form's shadow root, so the field's name is unique enough. */
const drawField = (
  field: PublicFormField,
  inputs: Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>,
  errors: Map<string, HTMLElement>,
) => {
  const wrapper = el('div', 'pf-field');
  const id = `pf-${field.name}`;
  const label = el('label', undefined, field.label);
  label.htmlFor = id;
  if (!field.required) label.append(el('span', 'pf-optional', ' (optional)'));
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (field.type === 'select') {
    const select = el('select');
    select.append(el('option', undefined, 'Choose…'));
    (select.firstChild as HTMLOptionElement).value = '';
    for (const option of field.options ?? []) {
      const item = el('option', undefined, option);
      item.value = option;
      select.append(item);
    }
    input = select;
  } else if (field.type === 'textarea') {
    const textarea = el('textarea');
    textarea.maxLength = field.maxLength;
    textarea.rows = 4;
    input = textarea;
  } else {
    const text = el('input');
    text.type = field.type;
    text.maxLength = field.maxLength;
    input = text;
  }
  input.id = id;
  input.name = field.name;
  input.setAttribute('autocomplete', field.autocomplete);
  if (field.required) input.required = true;
  const error = el('p', 'pf-error');
  error.id = `${id}-error`;
  error.hidden = true;
  input.setAttribute('aria-describedby', error.id);
  inputs.set(field.name, input);
  errors.set(field.name, error);
  wrapper.append(label, input, error);
  return wrapper;
};
