// Loaded without defer at the top of <body>, so GOV.UK Frontend's JavaScript-only styles
// apply before the page is first drawn (no flash of open conditional questions). A file,
// not an inline script: the Content-Security-Policy allows scripts from senco only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
