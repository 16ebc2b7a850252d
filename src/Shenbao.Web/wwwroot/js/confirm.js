// A form with data-confirm asks before it is sent: for an action that cannot be taken back (activate, withdraw).
// The question is the attribute's text; without scripts the form is sent as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
