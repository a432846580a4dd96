// The suspects page without reloads: a fix, its undo and a dismissal post with fetch and the row
// changes in place. Without this script the same forms post plainly and the page comes back at the row.
(function () {
  "use strict";

  function rowsOf(list, passage) {
    return list.querySelectorAll('tr.suspect[data-passage="' + passage + '"]');
  }

  // The passage is at a new version and the text from `start` changed length: every other form of
  // the passage must carry the new version and its place shifted, or the server would refuse it as stale.
  function follow(list, change, except) {
    var shift = change.inserted - change.removed;
    var changedEnd = change.start + change.removed;
    rowsOf(list, change.passage).forEach(function (row) {
      row.querySelectorAll('input[name="version"]').forEach(function (input) { input.value = change.version; });
      if (row === except) { return; }
      var start = Number(row.dataset.start);
      var end = Number(row.dataset.end);
      if (start >= changedEnd) {
        row.dataset.start = start + shift;
        row.dataset.end = end + shift;
        row.querySelectorAll('input[name="start"]').forEach(function (input) { input.value = start + shift; });
      } else if (end > change.start) {
        row.classList.add("stale");  // the fix changed this suspect's own text
        row.querySelectorAll("form.fix-form button").forEach(function (button) { button.disabled = true; });
      }
    });
  }

  function say(row, text, isError) {
    var output = row.querySelector(".fix-result");
    output.textContent = text;
    output.classList.toggle("errornote", Boolean(isError));
    return output;
  }

  function undoForm(list, row, undo, csrf) {
    var form = document.createElement("form");
    form.method = "post";
    form.className = "undo-form";
    form.action = undo.url.split("?")[0];
    var fields = { csrfmiddlewaretoken: csrf, passage: row.dataset.passage, version: undo.version };
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "button undo-fix";
    button.textContent = list.dataset.undoLabel;
    form.appendChild(button);
    return form;
  }

  function fixed(list, row, data, csrf) {
    row.savedFixes = row.savedFixes || row.querySelector("td.fixes").innerHTML;
    var cell = row.querySelector("td.fixes");
    cell.textContent = "";
    var output = document.createElement("output");
    output.className = "fix-result";
    output.textContent = data.message + " ";
    cell.appendChild(output);
    cell.appendChild(undoForm(list, row, data.undo, csrf));
    row.classList.add("fixed");
    follow(list, data, row);
  }

  function undone(list, row, data) {
    row.querySelector("td.fixes").innerHTML = row.savedFixes;
    row.classList.remove("fixed");
    follow(list, data, row);
    say(row, data.message, false);
  }

  async function send(list, form) {
    var row = form.closest("tr.suspect");
    var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    var data;
    var response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      data = await response.json();
    } catch (error) {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
      say(row, list.dataset.failedLabel, true);
      return;
    }
    form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
    if (!response.ok) {
      say(row, data.error, true);
    } else if (form.classList.contains("fix-form")) {
      fixed(list, row, data, csrf);
    } else if (form.classList.contains("undo-form")) {
      undone(list, row, data);
    } else {
      row.classList.add("dismissed");
      row.querySelector("td.fixes").textContent = data.message;
      row.querySelector("td.not-error").textContent = "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector(".suspect-list");
    if (!list || !window.fetch) { return; }
    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("form.fix-form, form.undo-form, form.dismiss-form") || !form.closest("tr.suspect")) { return; }
      event.preventDefault();
      send(list, form);
    });
  });
})();
