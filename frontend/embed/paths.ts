export const embedScriptPath = 'embed/lead-form.js';
