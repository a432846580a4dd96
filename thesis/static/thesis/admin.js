// Every admin page: the language selector in the header submits itself (the CSP forbids inline
// handlers), and a field with a limit counts its characters as they are typed.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("admin-language");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }

  // The limit is said, never enforced by cutting: a longer text is refused by the form, with its error.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-max-length]"), function (input) {
    var limit = parseInt(input.getAttribute("data-max-length"), 10);
    var count = document.createElement("span");
    count.className = "length-count";
    count.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", count);
    function update() {
      // As the server counts: surrounding spaces stripped, each character once (Array.from walks code points).
      var length = Array.from(input.value.trim()).length;
      count.textContent = length + " / " + limit;
      count.classList.toggle("over", length > limit);
    }
    input.addEventListener("input", update);
    update();
  });
});
