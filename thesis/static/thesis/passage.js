// The passage page: keyboard shortcuts to save, and the suspects beside the text selected in it.
// A static file, as the content security policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("passage_form");
  var text = document.getElementById("id_text");
  if (!form || !text) {
    return;
  }
  var sending = false;

  function submitWith(name) {
    var button = form.querySelector('input[type="submit"][name="' + name + '"]');
    if (!button || sending) {
      return;
    }
    sending = true;
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
      return;
    }
    // event.code names the key whatever the layout: on a Kazakh or Russian one, S types a Cyrillic letter.
    if (event.code === "KeyS" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      submitWith("_save");
    } else if (event.key === "Enter") {
      event.preventDefault();
      submitWith("_savenext");
    }
  });

  // Where the suspect stands now: at its place if the text there is unchanged, else its nearest occurrence.
  function locate(found, start) {
    if (text.value.substr(start, found.length) === found) {
      return start;
    }
    var before = text.value.lastIndexOf(found, start);
    var after = text.value.indexOf(found, start);
    if (before === -1) {
      return after;
    }
    if (after === -1) {
      return before;
    }
    return start - before <= after - start ? before : after;
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.select-suspect"), function (link) {
    link.addEventListener("click", function (event) {
      var found = link.getAttribute("data-found");
      var start = locate(found, parseInt(link.getAttribute("data-start"), 10));
      if (start === -1) {
        return; // no longer in the text: the link only moves to it
      }
      event.preventDefault();
      var end = start + found.length;
      // Putting the caret at the end first and focusing again scrolls the textarea to it.
      text.focus();
      text.setSelectionRange(end, end);
      text.blur();
      text.focus();
      text.setSelectionRange(start, end);
    });
  });
});
