// Enhances the pages with GOV.UK Frontend's scripts (error summary focus, navigation menu, ...); every page works without them.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
