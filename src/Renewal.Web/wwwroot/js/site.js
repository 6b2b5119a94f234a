// Behaviour the pages used to carry in on…= attributes, which the Content-Security-Policy (script-src 'self') forbids.
// <select data-autosubmit> submits its form when changed (the <noscript> button does it without JavaScript).
(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.matches && t.matches('[data-autosubmit]') && t.form) t.form.submit();
    // 新建申报: show the call of the scheme and year chosen (blocks marked data-call-for="Scheme-Year").
    if (t && t.matches && t.matches('[data-calls]') && t.form) {
      var scheme = t.form.querySelector('[name="Scheme"]'), year = t.form.querySelector('[name="Year"]');
      var key = (scheme ? scheme.value : '') + '-' + (year ? year.value : '');
      document.querySelectorAll('[data-call-for]').forEach(function (el) { el.hidden = el.getAttribute('data-call-for') !== key; });
    }
  });
})();

// The navigation's menu button on narrow screens (issue 12 item 9): the page marks itself as scripted, so the CSS folds
// the navigation away until the button opens it; Escape closes it again.
(function () {
  'use strict';
  var button = document.querySelector('.menu-toggle');
  if (!button) return;
  var header = button.closest('header');
  document.documentElement.classList.add('js');
  button.hidden = false;
  function set(open) {
    header.classList.toggle('open', open);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  button.addEventListener('click', function () { set(button.getAttribute('aria-expanded') !== 'true'); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && header.classList.contains('open')) { set(false); button.focus(); }
  });
})();
