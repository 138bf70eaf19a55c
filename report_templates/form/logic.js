// The form's answer and condition logic, with no page access, so that a test runs it beside
// the Python scorer on generated cases (tests/test_form_logic.py). Keep it in step with
// assessment/scoring/question_scores.py and assessment/scoring/visibility.py.
var FormLogic = (function () {
  "use strict";

  // What a condition compares: a numeric question's number, a checklist's 1 + 4 x the weighted
  // share of items ticked (in the scorer's order of operations), else the option's level.
  function number(q, raw) {
    if (q.type === "numeric") { return parseFloat(raw); }
    if (q.type === "checklist") {
      if (raw === "none") { return 1; }
      var total = 0, got = 0, ticked = raw.split(";");
      q.items.forEach(function (i) { total += i.weight; });
      q.items.forEach(function (i) { if (ticked.indexOf(i.id) >= 0) { got += i.weight; } });
      return 1 + 4 * (got / total);
    }
    for (var k = 0; k < q.options.length; k++) { if (q.options[k].id === raw) { return q.options[k].level; } }
    return NaN;
  }

  // Which questions a respondent in `role` ("": not chosen yet, so any) sees, given
  // rawOf(question) -> the raw answer. Questions are taken in questionnaire order, so an answer
  // to a hidden question never shows a later one; n/a, don't know and blank are no answer.
  function shown(questions, role, rawOf) {
    var byId = {}, seen = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    function real(id) {
      if (!seen[id]) { return null; }
      var raw = rawOf(byId[id]);
      return (raw === "" || raw === "na" || raw === "dk") ? null : raw;
    }
    function evaluate(c) {
      var raw;
      switch (c.kind) {
        case "answered": return real(c.question) !== null;
        case "compare":
          raw = real(c.question);
          if (raw === null) { return false; }
          if (typeof c.value === "number") {
            var n = number(byId[c.question], raw);
            return {"==": n === c.value, "!=": n !== c.value, "<": n < c.value, "<=": n <= c.value,
                    ">": n > c.value, ">=": n >= c.value}[c.op];
          }
          return c.op === "==" ? raw === c.value : raw !== c.value;
        case "oneof": raw = real(c.question); return raw !== null && c.values.indexOf(raw) >= 0;
        case "has": raw = real(c.question); return raw !== null && raw.split(";").indexOf(c.item) >= 0;
        case "not": return !evaluate(c.operand);
        case "and": return c.operands.every(evaluate);
        case "or": return c.operands.some(evaluate);
      }
      return false;
    }
    questions.forEach(function (q) {
      var forRole = !role || q.audience.indexOf(role) >= 0;
      seen[q.id] = forRole && (q.visible_if ? evaluate(q.visible_if) : true);
    });
    return seen;
  }

  return {number: number, shown: shown};
}());
if (typeof module !== "undefined") { module.exports = FormLogic; }
