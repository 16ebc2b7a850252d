// A form with data-confirm (or its button with data-confirm-button) asks before it is sent: for an action that cannot be taken back (activate, withdraw).
// The question is the attribute's text; without scripts the form is sent as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // a button may ask its own question (删除 in a form whose other buttons save)
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm-button")) || (form && form.getAttribute && form.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
