// Quick stand-alone checker for bank authors before `zujuan lint` is built.
// Usage: node docs/check-bank-file.cjs bank/10421/ch01.yaml
const fs = require("fs");
const yaml = require("js-yaml");
const file = process.argv[2];
const doc = yaml.load(fs.readFileSync(file, "utf8"));
const sums = { 名词解释: 3, 简答题: 5, 论述题: 10 };
const problems = [];
const byType = {}, byKp = {}, byLevel = {}, byDiff = {};
const ids = new Set();
const sum = (m) => (m || []).reduce((a, p) => a + p.points, 0);
for (const q of doc.questions) {
  const where = q.id || JSON.stringify(q).slice(0, 40);
  if (ids.has(q.id)) problems.push(`${where}: duplicate id`);
  ids.add(q.id);
  byType[q.type] = (byType[q.type] || 0) + 1;
  for (const kp of [].concat(q.knowledge_point || [])) {
    if (typeof kp !== "string") problems.push(`${where}: knowledge_point must be a quoted string`);
    byKp[kp] = (byKp[kp] || 0) + 1;
  }
  const count = (l, d, w) => { byLevel[l] = (byLevel[l] || 0) + w; byDiff[d] = (byDiff[d] || 0) + w; };
  if (q.type === "单项选择题" || q.type === "多项选择题") {
    const n = q.type === "单项选择题" ? 4 : 5;
    if (!Array.isArray(q.options) || q.options.length !== n) problems.push(`${where}: needs ${n} options`);
    if (new Set(q.options).size !== q.options.length) problems.push(`${where}: identical options`);
    const letters = String(q.answer).split("");
    if (q.type === "单项选择题" && !/^[A-D]$/.test(q.answer)) problems.push(`${where}: answer must be one of A-D`);
    if (q.type === "多项选择题" && (!/^[A-E]{2,5}$/.test(q.answer) || new Set(letters).size !== letters.length)) problems.push(`${where}: answer must be 2-5 distinct letters A-E`);
    count(q.level, q.difficulty, 1);
  } else if (q.type === "案例分析题") {
    const subs = q.subquestions || [];
    if (subs.length < 2 || subs.length > 3) problems.push(`${where}: 2-3 subquestions`);
    if (subs.reduce((a, s) => a + s.points, 0) !== 20) problems.push(`${where}: subquestion points must sum to 20`);
    for (const s of subs) {
      if (sum(s.marking) !== s.points) problems.push(`${where}: marking of "${String(s.ask).slice(0, 12)}" sums to ${sum(s.marking)}, not ${s.points}`);
      count(s.level, s.difficulty, 1);
    }
  } else {
    if (sum(q.marking) !== sums[q.type]) problems.push(`${where}: marking sums to ${sum(q.marking)}, not ${sums[q.type]}`);
    if (q.type === "名词解释" && !q.term) problems.push(`${where}: term missing`);
    count(q.level, q.difficulty, 1);
  }
  for (const f of ["level", "difficulty"]) if (q.type !== "案例分析题" && !q[f]) problems.push(`${where}: ${f} missing`);
  if (q.minutes === undefined) problems.push(`${where}: minutes missing`);
}
console.log("types", byType);
console.log("knowledge points", byKp);
console.log("levels (items/subquestions)", byLevel);
console.log("difficulty", byDiff);
console.log(problems.length ? problems.join("\n") : "no problems found");
