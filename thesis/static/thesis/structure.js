// "Split at the cursor" on a passage's page: the split page opens with the caret's place in the text,
// counted in characters (code points) as the server counts them, not in the browser's UTF-16 units.
// The cut is made in the saved text, so a text with changes not saved is not split.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.split-at-caret");
    const text = document.getElementById("id_text");
    if (!link || !text) {
      return;
    }
    event.preventDefault();
    if (text.value !== text.defaultValue) {
      window.alert(link.dataset.unsaved);
      text.focus();
      return;
    }
    const offset = Array.from(text.value.slice(0, text.selectionStart)).length;
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("offset", String(offset));
    window.location.assign(url.toString());
  });
})();
