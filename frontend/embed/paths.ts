/** Where the snippet loads the embed script from, relative to the site's root; it never changes. */
export const embedScriptPath = 'embed/lead-form.js';
