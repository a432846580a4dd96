// The language selector in the admin header submits itself (the CSP forbids inline handlers).
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("admin-language");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
});
