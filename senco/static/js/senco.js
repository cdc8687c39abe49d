// Starts GOV.UK Frontend's components (menu button, conditional radios, error summary
// focus, notification banners). A module, so it runs once the page is parsed; and a file,
// as the Content-Security-Policy allows no inline script.
import { initAll } from "../vendor/govuk-frontend.min.js";

initAll();
