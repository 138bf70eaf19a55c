// The respondent's form, for the offline file and the web app alike: it builds one page per
// dimension from the data block, follows conditions (FormLogic, above), keeps answers (in the
// browser offline, on the server in the web app) and ends with a review page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("questionnaire-data").textContent);
  var web = data.web;
  var form = document.getElementById("questionnaire-form");
  var pageRoot = document.getElementById("page");
  var saveState = document.getElementById("save-state");
  var questions = [];
  var byId = {};
  var sections = {};  // page key -> <section>
  var current = null;
  var shownNow = {};

  data.dimensions.forEach(function (d) {
    d.questions.forEach(function (q) { q.dimension = d.id; questions.push(q); byId[q.id] = q; });
  });
  if (/^#[0-9A-Fa-f]{6}$/.test(data.branding.accent)) {
    // CSSOM, not a style attribute: the pages' CSP forbids inline style.
    document.documentElement.style.setProperty("--accent", data.branding.accent);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function clock(date) { return two(date.getHours()) + ":" + two(date.getMinutes()); }
  function say(text) { saveState.textContent = text; }

  // ---- building the pages -------------------------------------------------------------
  function section(key, heading) {
    var box = el("section", {id: "page-" + key, "class": "page", hidden: ""});
    box.appendChild(el("h2", {id: "heading-" + key, tabindex: "-1"}, heading));
    sections[key] = box;
    pageRoot.appendChild(box);
    return box;
  }

  function option(type, name, value, label, special) {
    var row = el("label", {"class": "option" + (special ? " special" : "")});
    row.appendChild(el("input", {type: type, name: name, value: value}));
    row.appendChild(el("span", {}, label));
    return row;
  }

  function field(id, labelText, control) {
    var wrap = el("div", {"class": "field"});
    wrap.appendChild(el("label", {"for": id}, labelText));
    control.id = id;
    wrap.appendChild(control);
    return wrap;
  }

  function questionBox(q) {
    var name = "answer-" + q.id;
    var box = el("fieldset", {id: "q-" + q.id, "class": "question", "data-question": q.id});
    box.appendChild(el("legend", {}, q.text));
    if (q.help) {
      box.appendChild(el("p", {id: "help-" + q.id, "class": "help"}, q.help));
      box.setAttribute("aria-describedby", "help-" + q.id);
    }
    var choices = el("div", {"class": "options"});
    var specialType = q.type === "checklist" ? "checkbox" : "radio";
    if (q.type === "checklist") {
      q.items.forEach(function (i) { choices.appendChild(option("checkbox", name, i.id, i.label)); });
      choices.appendChild(option("checkbox", name, "none", "None of these", true));
    } else if (q.type === "numeric") {
      var range = (q.minimum !== null && q.maximum !== null) ? " (" + q.minimum + " to " + q.maximum + ")" : "";
      var input = el("input", {type: "number", name: name, step: "any", inputmode: "decimal",
                               "aria-describedby": "error-" + q.id});
      if (q.minimum !== null) { input.setAttribute("min", q.minimum); }
      if (q.maximum !== null) { input.setAttribute("max", q.maximum); }
      choices.appendChild(field("answer-" + q.id, "Number" + (q.unit ? " in " + q.unit : "") + range, input));
      choices.appendChild(el("p", {id: "error-" + q.id, "class": "error"}));
    } else if (q.type === "free_text") {
      choices.appendChild(field("answer-" + q.id, "Your answer", el("textarea", {name: name, rows: "4"})));
    } else {
      q.options.forEach(function (o) { choices.appendChild(option("radio", name, o.id, o.label)); });
    }
    if (q.allow_na && q.type !== "free_text") { choices.appendChild(option(specialType, name, "na", data.labels.na, true)); }
    if (q.allow_dk && q.type !== "free_text") { choices.appendChild(option(specialType, name, "dk", data.labels.dk, true)); }
    box.appendChild(choices);
    if (q.type !== "free_text") {
      var more = el("details", {"class": "comment"});
      more.appendChild(el("summary", {}, "Add a comment or evidence (optional)"));
      if (q.evidence) { more.appendChild(el("p", {"class": "help"}, "Evidence that helps: " + q.evidence)); }
      more.appendChild(field("comment-" + q.id, "Comment or evidence", el("textarea", {name: "comment-" + q.id, rows: "3"})));
      box.appendChild(more);
    }
    return box;
  }

  function selectOf(list, chosen) {
    var select = el("select", {});
    select.appendChild(el("option", {value: ""}, "Choose..."));
    list.forEach(function (o) {
      var opt = el("option", {value: o.id}, o.label || o.name);
      if (o.id === chosen) { opt.selected = true; }
      select.appendChild(opt);
    });
    return select;
  }

  var intro = el("p", {"class": "intro"});
  intro.textContent = "Answer what you can. \u201cNot applicable\u201d and \u201cDon\u2019t know\u201d are fine: they never count as a low score. " + (web
    ? "Your answers are saved as you go, so you can stop and come back later."
    : "Your answers are kept in this browser on this device until you save them as a file at the end. This page works offline and sends nothing anywhere.");

  function build() {
    if (!web) {
      var about = section("about", "About you");
      about.appendChild(intro);
      about.appendChild(field("respondent-name", "Your name", el("input", {name: "respondent-name", autocomplete: "name"})));
      about.appendChild(field("respondent-email", "Your e-mail", el("input", {name: "respondent-email", type: "email", autocomplete: "email"})));
      about.appendChild(field("respondent-role", "Your role", selectOf(data.roles, data.role)));
      about.appendChild(field("respondent-unit", "Business unit", selectOf(data.units, data.unit)));
    }
    data.dimensions.forEach(function (d, n) {
      var page = section(d.id, d.name);
      if (web && n === 0) { page.appendChild(intro); }
      d.questions.forEach(function (q) { page.appendChild(questionBox(q)); });
    });
    section("review", "Review your answers").appendChild(el("div", {id: "review"}));
    section("done", "Thank you").appendChild(el("div", {id: "done"}));
  }

  // ---- answers ----------------------------------------------------------------------------
  function inputsOf(id) { return Array.prototype.slice.call(document.getElementsByName("answer-" + id)); }
  function role() { return web ? data.role : document.getElementById("respondent-role").value; }

  // The raw answer, in the offline file's format: an option id, a number as text, a checklist's
  // "a;b" or "none", "na", "dk"; "" when there is none (or the number is out of range).
  function rawAnswer(q) {
    var inputs = inputsOf(q.id);
    var ticked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    if (q.type === "checklist") {
      if (ticked.indexOf("na") >= 0) { return "na"; }
      if (ticked.indexOf("dk") >= 0) { return "dk"; }
      if (ticked.indexOf("none") >= 0) { return "none"; }
      return ticked.join(";");
    }
    if (q.type === "numeric" || q.type === "free_text") {
      if (ticked.length) { return ticked[0]; }
      var box = inputs.filter(function (i) { return i.type !== "radio"; })[0];
      if (!box || !box.value || (box.validity && !box.validity.valid)) { return ""; }
      return String(box.value);
    }
    return ticked.length ? ticked[0] : "";
  }

  function setAnswer(q, raw) {
    var inputs = inputsOf(q.id);
    var parts = q.type === "checklist" ? raw.split(";") : [raw];
    inputs.forEach(function (i) {
      if (i.type === "radio" || i.type === "checkbox") { i.checked = parts.indexOf(i.value) >= 0; }
      else if (raw !== "na" && raw !== "dk") { i.value = raw; }
    });
  }
  function setComment(id, text) {
    var note = document.getElementsByName("comment-" + id)[0];
    if (note) { note.value = text; note.closest("details").open = true; }
  }
  function comment(id) {
    var note = document.getElementsByName("comment-" + id)[0];
    return note ? note.value.trim() : "";
  }

  // Answers and comments of the questions shown (onlyShown) or of all questions.
  function collect(onlyShown) {
    var answers = {}, comments = {};
    questions.forEach(function (q) {
      if (onlyShown && !shownNow[q.id]) { return; }
      var raw = rawAnswer(q);
      if (raw !== "") { answers[q.id] = raw; }
      var note = comment(q.id);
      if (note) { comments[q.id] = note; }
    });
    return {answers: answers, comments: comments};
  }

  // A checklist's "none", "n/a" and "don't know" exclude its items; a number excludes them too.
  function exclusive(target) {
    var match = /^answer-(.*)$/.exec(target.name || "");
    var q = match && byId[match[1]];
    if (!q || !(q.type === "checklist" || q.type === "numeric")) { return; }
    var special = ["none", "na", "dk"].indexOf(target.value) >= 0;
    inputsOf(q.id).forEach(function (i) {
      if (i === target) { return; }
      if (q.type === "numeric" && target.type === "number") { if (i.type === "radio") { i.checked = false; } }
      else if (q.type === "numeric") { if (i.type === "number" && target.checked) { i.value = ""; } }
      else if (target.checked && (special || ["none", "na", "dk"].indexOf(i.value) >= 0)) { i.checked = false; }
    });
  }

  function checkNumber(q) {
    var box = inputsOf(q.id).filter(function (i) { return i.type === "number"; })[0];
    var error = document.getElementById("error-" + q.id);
    var bad = !box.validity.valid;
    var range = (q.minimum !== null && q.maximum !== null) ? " from " + q.minimum + " to " + q.maximum : "";
    error.textContent = bad ? "Enter a number" + range + "." : "";
    if (bad) { box.setAttribute("aria-invalid", "true"); } else { box.removeAttribute("aria-invalid"); }
  }

  // ---- pages and progress -----------------------------------------------------------------
  function refresh() {
    shownNow = FormLogic.shown(questions, role(), rawAnswer);
    questions.forEach(function (q) { document.getElementById("q-" + q.id).hidden = !shownNow[q.id]; });
    progress();
    if (current === "review") { review(); }
  }

  function dimensionPages() {
    return data.dimensions.filter(function (d) {
      return d.questions.some(function (q) { return shownNow[q.id]; });
    }).map(function (d) { return d.id; });
  }
  function pages() { return (web ? [] : ["about"]).concat(dimensionPages(), ["review"]); }

  function tally() {
    var asked = 0, answered = 0, seconds = 0;
    questions.forEach(function (q) {
      if (!shownNow[q.id]) { return; }
      asked += 1;
      if (rawAnswer(q) !== "") { answered += 1; } else { seconds += q.seconds; }
    });
    return {asked: asked, answered: answered, seconds: seconds};
  }

  function progress() {
    var box = document.getElementById("progress");
    box.hidden = current === "done" || current === "closed";
    var t = tally();
    var dims = dimensionPages();
    var where = dims.indexOf(current) >= 0
      ? "Section " + (dims.indexOf(current) + 1) + " of " + dims.length
      : (current === "review" ? "Review" : "Before you start");
    var minutes = Math.ceil(t.seconds / 60);
    var left = minutes === 0 ? "nothing left to answer"
      : "about " + minutes + " minute" + (minutes === 1 ? "" : "s") + " left";
    document.getElementById("progress-text").textContent =
      where + " \u00b7 " + t.answered + " of " + t.asked + " questions answered \u00b7 " + left;
    document.getElementById("progress-bar").style.width = (t.asked ? 100 * t.answered / t.asked : 0) + "%";
  }

  // Shows one page; unless `quiet` (on opening), moves focus to its heading or `focusTarget`.
  function show(key, focusTarget, quiet) {
    current = key;
    Object.keys(sections).forEach(function (k) { sections[k].hidden = k !== key; });
    var list = pages(), at = list.indexOf(key);
    var back = document.getElementById("back"), next = document.getElementById("next");
    back.hidden = at <= 0;
    next.hidden = at < 0 || at === list.length - 1;
    next.textContent = list[at + 1] === "review" ? "Review answers" : "Next";
    if (key === "review") { review(); }
    progress();
    if (quiet) { return; }
    remember();
    (focusTarget || document.getElementById("heading-" + key)).focus();
    window.scrollTo(0, 0);
    if (focusTarget) { focusTarget.scrollIntoView({block: "center"}); }
  }
  function step(by) {
    var list = pages(), at = list.indexOf(current);
    if (at + by >= 0 && at + by < list.length) { show(list[at + by]); }
  }

  function review() {
    var box = document.getElementById("review");
    box.textContent = "";
    var t = tally();
    box.appendChild(el("p", {}, "You have answered " + t.answered + " of " + t.asked + " questions."));
    var missing = dimensionPages().map(function (key) {
      return {key: key, dimension: data.dimensions.filter(function (d) { return d.id === key; })[0],
              open: questions.filter(function (q) { return q.dimension === key && shownNow[q.id] && rawAnswer(q) === ""; })};
    }).filter(function (m) { return m.open.length; });
    if (missing.length) {
      box.appendChild(el("p", {}, "Not answered yet (you may leave a question out):"));
      missing.forEach(function (m) {
        box.appendChild(el("h3", {}, m.dimension.name));
        var list = el("ul", {"class": "unanswered"});
        m.open.forEach(function (q) {
          var link = el("a", {href: "#q-" + q.id}, q.text);
          link.addEventListener("click", function (event) {
            event.preventDefault();
            show(m.key, document.getElementById("q-" + q.id).querySelector("input, textarea"));
          });
          var item = el("li");
          item.appendChild(link);
          list.appendChild(item);
        });
        box.appendChild(list);
      });
    } else {
      box.appendChild(el("p", {}, "You have answered every question."));
    }
    finish(box);
  }

  // ---- offline: kept in this browser, saved as a file -------------------------------------
  var storageKey = ["genai-readiness-form", data.questionnaire_id, data.questionnaire_version,
                    data.unit, data.role].join(":");
  var storeTimer = null;

  function respondent() {
    return {
      name: document.getElementById("respondent-name").value,
      email: document.getElementById("respondent-email").value,
      role: role(),
      business_unit: document.getElementById("respondent-unit").value
    };
  }

  function remember() {
    if (web) { return; }
    clearTimeout(storeTimer);
    storeTimer = setTimeout(store, 300);
  }
  function store() {
    clearTimeout(storeTimer);
    var all = collect(false);
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(
        {respondent: respondent(), answers: all.answers, comments: all.comments, page: current}));
      say("Saved in this browser at " + clock(new Date()) + ".");
    } catch (e) {
      say("This browser does not keep your answers: save the file before you close the page.");
    }
  }

  function restoreLocal() {
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept !== "object") { return null; }
    var who = kept.respondent || {};
    [["respondent-name", who.name], ["respondent-email", who.email], ["respondent-role", who.role],
     ["respondent-unit", who.business_unit]].forEach(function (pair) {
      if (typeof pair[1] === "string" && pair[1]) { document.getElementById(pair[0]).value = pair[1]; }
    });
    restoreAnswers(kept.answers, kept.comments);
    say("Your earlier answers in this browser are back.");
    return sections[kept.page] && kept.page !== "done" ? kept.page : null;
  }

  function restoreAnswers(answers, comments) {
    Object.keys(answers || {}).forEach(function (id) {
      if (byId[id] && typeof answers[id] === "string") { setAnswer(byId[id], answers[id]); }
    });
    Object.keys(comments || {}).forEach(function (id) {
      if (byId[id] && typeof comments[id] === "string") { setComment(id, comments[id]); }
    });
  }

  function download() {
    refresh();
    var shown = collect(true);
    var result = {
      tool: data.tool,
      questionnaire_id: data.questionnaire_id,
      questionnaire_version: data.questionnaire_version,
      respondent: respondent(),
      answers: shown.answers,
      comments: shown.comments
    };
    var blob = new Blob([JSON.stringify(result, null, 2)], {type: "application/json"});
    var link = el("a", {href: URL.createObjectURL(blob),
                        download: "answers-" + (result.respondent.business_unit || "unit") + ".json"});
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Your browser saved the file at " + clock(new Date()) + ". Send it to the assessment team.");
  }

  // ---- web: saved on the server -----------------------------------------------------------
  var net = {timer: null, inflight: false, dirty: false, failures: 0, stopped: false,
             submitAfter: false, revision: web ? web.revision : 0,
             editable: web ? web.editable_after_submit && !web.anonymous : false};

  function request(method, url) {
    var shown = collect(true);
    return fetch(url, {
      method: method,
      headers: {"Content-Type": "application/json", "X-CSRF-Token": web.csrf_token},
      credentials: "same-origin",
      body: JSON.stringify({answers: shown.answers, comments: shown.comments, revision: net.revision})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {status: response.status, body: body || {}};
      });
    });
  }

  function changed() {
    if (!web) { remember(); return; }
    if (net.stopped) { return; }
    net.dirty = true;
    say("Changes not saved yet.");
    schedule(800);
  }
  function schedule(ms) { clearTimeout(net.timer); net.timer = setTimeout(autosave, ms); }

  // Stale revision or closed survey: stop saving and say why. True when it handled `status`.
  function refused(status) {
    if (status === 409) {
      net.stopped = true;
      say("Not saved: these answers were changed in another window or on another device. " +
          "Reload the page to continue from the answers saved there; your latest changes here were not saved.");
      return true;
    }
    if (status === 403 || status === 410) { closed(); return true; }
    return false;
  }

  function autosave() {
    if (net.stopped || net.inflight || !net.dirty) { return; }
    net.inflight = true;
    net.dirty = false;
    say("Saving\u2026");
    request("PUT", web.save_url).then(function (reply) {
      net.inflight = false;
      if (reply.status === 200 && typeof reply.body.revision === "number") {
        net.revision = reply.body.revision;
        net.failures = 0;
        var at = new Date(reply.body.saved_at);
        say("Saved at " + clock(isNaN(at.getTime()) ? new Date() : at) + ".");
        if (net.submitAfter) { net.submitAfter = false; submit(); }
        else if (net.dirty) { schedule(800); }
        return;
      }
      if (!refused(reply.status)) { retry(); }
    }, function () { net.inflight = false; retry(); });
  }

  function retry() {
    // Keep the edits (they are still on the page) and try again later, waiting longer each time.
    net.dirty = true;
    net.failures += 1;
    var seconds = Math.min(60, Math.pow(2, net.failures));
    say("Not saved, retrying in " + seconds + " seconds. Keep this page open.");
    schedule(seconds * 1000);
  }

  function submit() {
    if (net.stopped) { return; }
    if (net.inflight) { net.submitAfter = true; return; }
    clearTimeout(net.timer);
    var button = document.getElementById("submit");
    if (button) { button.disabled = true; }
    say("Submitting\u2026");
    request("POST", web.submit_url).then(function (reply) {
      if (reply.status === 200 && reply.body.state === "submitted") {
        net.dirty = false;
        net.editable = reply.body.editable === true && !web.anonymous;
        say("Submitted at " + clock(new Date()) + ".");
        thanks();
        return;
      }
      if (button) { button.disabled = false; }
      if (!refused(reply.status)) { say("Not submitted: the connection failed. Please try again."); }
    }, function () {
      if (button) { button.disabled = false; }
      say("Not submitted: the connection failed. Please try again.");
    });
  }

  function lock() {
    Array.prototype.forEach.call(form.querySelectorAll("input, select, textarea"), function (i) { i.disabled = true; });
    var button = document.getElementById("submit");
    if (button) { button.disabled = true; }
  }

  function thanks(quiet) {
    var box = document.getElementById("done");
    box.textContent = "";
    box.appendChild(el("p", {}, "Your answers have been submitted."));
    if (net.editable) {
      box.appendChild(el("p", {}, "You can still change them until the survey closes, here or by opening your link again; submit again when you are done."));
      var again = el("button", {type: "button", "class": "secondary"}, "Change my answers");
      again.addEventListener("click", function () { show(pages()[0]); });
      box.appendChild(again);
    } else {
      box.appendChild(el("p", {}, "They can no longer be changed. You can close this page."));
      lock();
    }
    show("done", null, quiet);
  }

  function closed(quiet) {
    net.stopped = true;
    clearTimeout(net.timer);
    lock();
    sections.done.querySelector("h2").textContent = "This survey is closed";
    var box = document.getElementById("done");
    box.textContent = "";
    box.appendChild(el("p", {}, "Answers can no longer be given or changed. Thank you for your time."));
    say("This survey is closed.");
    show("done", null, quiet);
  }

  // The end of the review page: save the file (offline) or submit (web).
  function finish(box) {
    if (!web) {
      box.appendChild(el("p", {}, "Save your answers as a file, then send that file to the assessment team."));
      var save = el("button", {type: "button", id: "save"}, "Save answers file");
      save.addEventListener("click", download);
      box.appendChild(save);
      return;
    }
    box.appendChild(el("p", {"class": "notice"}, web.anonymous
      ? "Your answers are anonymous. Once you submit them, they cannot be changed."
      : (web.editable_after_submit
        ? "After you submit, you can still change your answers until the survey closes."
        : "Once you submit your answers, they cannot be changed.")));
    var button = el("button", {type: "button", id: "submit"}, "Submit answers");
    button.addEventListener("click", submit);
    box.appendChild(button);
  }

  // ---- start ------------------------------------------------------------------------------
  build();
  var start = null;
  if (web) {
    restoreAnswers(web.answers, web.comments);
  } else {
    start = restoreLocal();
  }
  refresh();
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    exclusive(event.target);
    if (event.target.type === "number") { checkNumber(byId[event.target.name.slice(7)]); }
    refresh();
    changed();
  });
  form.addEventListener("input", function (event) {
    var t = event.target;
    if (t.type === "radio" || t.type === "checkbox" || t.tagName === "SELECT") { return; }  // "change" follows
    if (t.type === "number") { exclusive(t); checkNumber(byId[t.name.slice(7)]); }
    refresh();
    changed();
  });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("back").addEventListener("click", function () { step(-1); });
  window.addEventListener("pagehide", function () { if (!web) { store(); } });
  window.addEventListener("beforeunload", function (event) {
    if (web && (net.dirty || net.inflight) && !net.stopped) { event.preventDefault(); event.returnValue = ""; }
  });
  document.getElementById("progress").hidden = false;
  if (web && web.state === "closed") { closed(true); }
  else if (web && web.state === "submitted" && !net.editable) { thanks(true); }
  else {
    if (web && web.state === "submitted") { say("You have submitted your answers. Changes you make now are saved as you go; submit again when you are done."); }
    show(pages().indexOf(start) >= 0 ? start : pages()[0], null, true);
  }
}());
