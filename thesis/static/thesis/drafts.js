// No typed word lost. On a change page, leaving with changes not saved asks first, and the changes are
// kept as a draft in this browser's storage, per page and version, so that a reload, a crash or a new
// login offers them back. The draft is forgotten once the page after the save says it was saved, and so
// it is when a form that carries the change elsewhere (a merge onto the version saved meanwhile) is saved.
(function () {
  var PREFIX = "thesis-draft:";
  var SENT = "thesis-draft-sent";  // in sessionStorage: the draft of the form this tab sent last

  function storage(name) {
    try {
      return window[name];
    } catch (error) {
      return null;  // storage refused (a private window, a policy): the warning still works
    }
  }
  var drafts = storage("localStorage");
  var tab = storage("sessionStorage");

  // Only the page right after a submit can tell: saved (a success message) or not (an error, a login page).
  function forgetSavedDraft() {
    var sent = tab && tab.getItem(SENT);
    if (!sent) {
      return;
    }
    tab.removeItem(SENT);
    if (document.querySelector(".messagelist .success") && drafts) {
      drafts.removeItem(sent);
    }
  }

  // The fields an editor types or picks in; hidden ones (the version, the token) are the page's own.
  function editable(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && (field.tagName === "TEXTAREA" || field.type === "select-one" ||
        (field.tagName === "INPUT" && /^(text|number|date|email|url)$/.test(field.type)));
    });
  }

  function initial(field) {
    if (field.type !== "select-one") {
      return field.defaultValue;
    }
    var chosen = Array.prototype.find.call(field.options, function (option) { return option.defaultSelected; });
    return chosen ? chosen.value : (field.options[0] ? field.options[0].value : "");
  }

  // The fields changed since the page was served, by name.
  function changes(form) {
    var changed = {};
    editable(form).forEach(function (field) {
      if (field.value !== initial(field)) {
        changed[field.name] = field.value;
      }
    });
    return changed;
  }

  function differs(form, fields) {
    return Object.keys(fields).some(function (name) {
      return form.elements[name] && form.elements[name].value !== fields[name];
    });
  }

  function restore(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var field = form.elements[name];
      if (field) {
        field.value = fields[name];
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  function read(key) {
    try {
      return JSON.parse(drafts.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function offer(form, key, draft, banner, settle) {
    var when = banner.querySelector("time");
    var saved = new Date(draft.saved);
    when.setAttribute("datetime", saved.toISOString());
    when.textContent = saved.toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "short", timeStyle: "short", hourCycle: "h23"
    });
    banner.hidden = false;
    banner.querySelector('[data-draft="restore"]').addEventListener("click", function () {
      restore(form, draft.fields);
      banner.hidden = true;
      settle();
    });
    banner.querySelector('[data-draft="discard"]').addEventListener("click", function () {
      drafts.removeItem(key);
      banner.hidden = true;
      settle();
    });
  }

  function watch(form) {
    var key = PREFIX + location.pathname + "@" + form.elements.opened_version.value;
    var sending = false;
    // While a draft is offered, it is not overwritten: the editor chooses first.
    var offered = false;

    function keep() {
      if (!drafts || offered) {
        return;
      }
      var changed = changes(form);
      if (Object.keys(changed).length) {
        drafts.setItem(key, JSON.stringify({ saved: Date.now(), fields: changed }));
      } else {
        drafts.removeItem(key);
      }
    }

    var draft = drafts && read(key);
    var banner = document.getElementById("draft-banner");
    if (draft && draft.fields && banner && differs(form, draft.fields)) {
      offered = true;
      offer(form, key, draft, banner, function () {
        offered = false;
        keep();
      });
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("submit", function () {
      sending = true;
      if (tab) {
        tab.setItem(SENT, key);
      }
    });
    // The merge holds the draft's change: saved, the draft must not come back over it. Leaving is still
    // asked about if the form changed since, as the merge holds what was sent, not what was typed after.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-carries-draft]"), function (carrier) {
      carrier.addEventListener("submit", function () {
        if (tab) {
          tab.setItem(SENT, key);
        }
      });
    });
    window.addEventListener("beforeunload", function (event) {
      if (sending || !Object.keys(changes(form)).length) {
        return;
      }
      event.preventDefault();
      event.returnValue = "";  // browsers show their own words, in the browser's language
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    forgetSavedDraft();
    var version = document.querySelector("form:not([data-carries-draft]) input[name=opened_version]");
    if (version && version.form) {
      watch(version.form);
    }
  });
})();
