(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("questionnaire-data").textContent);
  var byId = {};
  var order = [];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function options(select, list, chosen) {
    select.appendChild(el("option", {value: ""}, "Choose..."));
    list.forEach(function (o) {
      var opt = el("option", {value: o.id}, o.label || o.name);
      if (o.id === chosen) { opt.selected = true; }
      select.appendChild(opt);
    });
  }
  options(document.getElementById("respondent-role"), data.roles, data.role);
  options(document.getElementById("respondent-unit"), data.units, data.unit);

  function choice(type, name, value, label) {
    var wrap = el("label", {"class": "choice"});
    var input = el("input", {type: type, name: name, value: value});
    wrap.appendChild(input);
    wrap.appendChild(document.createTextNode(" " + label));
    return wrap;
  }

  function render() {
    var root = document.getElementById("questions");
    data.dimensions.forEach(function (d) {
      root.appendChild(el("h2", {}, d.name));
      d.questions.forEach(function (q) {
        byId[q.id] = q;
        order.push(q.id);
        var box = el("fieldset", {id: "q-" + q.id, "data-question": q.id});
        var legend = el("legend");
        legend.appendChild(el("span", {"class": "qid"}, q.id));
        legend.appendChild(document.createTextNode(q.text));
        box.appendChild(legend);
        if (q.help) { box.appendChild(el("p", {"class": "help"}, q.help)); }
        var name = "answer-" + q.id;
        if (q.type === "checklist") {
          q.items.forEach(function (i) { box.appendChild(choice("checkbox", name, i.id, i.label)); });
          box.appendChild(choice("checkbox", name, "none", "None of these"));
        } else if (q.type === "numeric") {
          var range = (q.minimum !== null && q.maximum !== null) ? " (" + q.minimum + " to " + q.maximum + ")" : "";
          var lab = el("label", {}, "Number" + (q.unit ? " in " + q.unit : "") + range + " ");
          var input = el("input", {type: "number", name: name, step: "any"});
          if (q.minimum !== null) { input.setAttribute("min", q.minimum); }
          if (q.maximum !== null) { input.setAttribute("max", q.maximum); }
          lab.appendChild(input);
          box.appendChild(lab);
        } else if (q.type === "free_text") {
          box.appendChild(el("textarea", {name: name, "aria-label": q.text}));
        } else {
          q.options.forEach(function (o) { box.appendChild(choice("radio", name, o.id, o.label)); });
        }
        if (q.type !== "free_text") {
          if (q.allow_na) { box.appendChild(choice(q.type === "checklist" ? "checkbox" : "radio", name, "na", data.labels.na)); }
          if (q.allow_dk) { box.appendChild(choice(q.type === "checklist" ? "checkbox" : "radio", name, "dk", data.labels.dk)); }
          var comment = el("label", {}, "Comment or evidence (optional)");
          comment.appendChild(el("textarea", {name: "comment-" + q.id}));
          box.appendChild(comment);
        }
        root.appendChild(box);
      });
    });
  }

  function rawAnswer(q) {
    var inputs = document.getElementsByName("answer-" + q.id);
    if (q.type === "checklist") {
      var ticked = [];
      inputs.forEach(function (i) { if (i.checked) { ticked.push(i.value); } });
      if (ticked.indexOf("na") >= 0) { return "na"; }
      if (ticked.indexOf("dk") >= 0) { return "dk"; }
      if (ticked.indexOf("none") >= 0) { return "none"; }
      return ticked.join(";");
    }
    if (q.type === "numeric" || q.type === "free_text") {
      var input = inputs[0];
      var special = "";
      inputs.forEach(function (i) { if ((i.type === "radio") && i.checked) { special = i.value; } });
      return special || (input && input.value ? String(input.value) : "");
    }
    var value = "";
    inputs.forEach(function (i) { if (i.checked) { value = i.value; } });
    return value;
  }

  function visibility() {
    var role = document.getElementById("respondent-role").value;
    var shown = FormLogic.shown(order.map(function (id) { return byId[id]; }), role, rawAnswer);
    order.forEach(function (id) {
      document.getElementById("q-" + id).classList.toggle("hidden", !shown[id]);
    });
    return shown;
  }

  function save() {
    var shown = visibility();
    var answers = {}, comments = {};
    order.forEach(function (id) {
      if (!shown[id]) { return; }
      var raw = rawAnswer(byId[id]);
      if (raw !== "") { answers[id] = raw; }
      var note = document.getElementsByName("comment-" + id)[0];
      if (note && note.value.trim()) { comments[id] = note.value.trim(); }
    });
    var result = {
      tool: data.tool,
      questionnaire_id: data.questionnaire_id,
      questionnaire_version: data.questionnaire_version,
      respondent: {
        name: document.getElementById("respondent-name").value,
        email: document.getElementById("respondent-email").value,
        role: document.getElementById("respondent-role").value,
        business_unit: document.getElementById("respondent-unit").value
      },
      answers: answers,
      comments: comments
    };
    var blob = new Blob([JSON.stringify(result, null, 2)], {type: "application/json"});
    var link = el("a", {href: URL.createObjectURL(blob), download: "answers-" + (result.respondent.business_unit || "unit") + ".json"});
    document.body.appendChild(link);
    link.click();
    link.remove();
    document.getElementById("status").textContent = "Saved. Send the file to the assessment team.";
  }

  render();
  visibility();
  var form = document.getElementById("questionnaire-form");
  form.addEventListener("change", visibility);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("save").addEventListener("click", save);
}());
