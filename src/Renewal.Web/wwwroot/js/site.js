// Behaviour the pages used to carry in on…= attributes, which the Content-Security-Policy (script-src 'self') forbids.
// <select data-autosubmit> submits its form when changed (the <noscript> button does it without JavaScript).
(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('[data-autosubmit]') && t.form) t.form.submit();
  });
})();
