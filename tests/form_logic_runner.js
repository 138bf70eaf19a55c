// Runs the offline form's logic (report_templates/form/logic.js) on cases read as JSON from
// standard input, for tests/test_form_logic.py; writes the results as JSON.
"use strict";
const FormLogic = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const questionsOf = (payload) => [].concat(...payload.dimensions.map((d) => d.questions));

// Per case, per respondent: whether each question (in payload order) is shown.
const shown = input.cases.map((c) => {
  const questions = questionsOf(c.payload);
  return c.respondents.map((r) => {
    const seen = FormLogic.shown(questions, r.role, (q) => r.answers[q.id] || "");
    return questions.map((q) => seen[q.id]);
  });
});
// The value a condition compares, per (question id, raw answer).
const numbers = input.numbers.pairs.map(([id, raw]) => {
  const byId = Object.fromEntries(questionsOf(input.numbers.payload).map((q) => [q.id, q]));
  return FormLogic.number(byId[id], raw);
});
process.stdout.write(JSON.stringify({shown: shown, numbers: numbers}));
