import type { BlueprintProblem, FileKind, FoundValue, SheetIssue, SyllabusProblem, SchemaArgs, SchemaExpectation, SheetArgs } from "../../core/findings.js";
import type { SchemaPattern } from "../../core/findings.js";
import { mib } from "./en.js";
import type { Messages } from "./types.js";

// Written as a 命题教师 would say it: 试卷、题库、细目表、题型、章、知识点、评分要点, no solver terms.
const list = (v: unknown) => (Array.isArray(v) ? v.join("、") : String(v));
const percent = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;
/** The declared types a statistic is over, as the syllabus names them. */
const typeList = (types: readonly string[]) => (types.length ? types.join("和") : "选择题");

const FILE_KINDS: Record<string, string> = { blueprint: "细目表（蓝图）文件", syllabus: "考试大纲文件", paper: "试卷文件", "score sheet": "成绩表" };
const FIELDS: Record<string, string> = { stem: "题干", term: "名词" };

function found(f: FoundValue): string {
  switch (f.kind) {
    case "nothing":
      return "空缺";
    case "null":
      return "空值";
    case "mapping":
      return "一组键值";
    case "text-document":
      return "一段文字";
    case "list":
      return `含 ${f.length} 项的列表`;
    case "value":
      return f.value;
  }
}

const TYPES: Record<string, string> = { number: "数字", string: "文字", array: "列表", object: "键值映射", boolean: "是/否", integer: "整数" };

function expectation(e: SchemaExpectation): string {
  switch (e.kind) {
    case "one-of":
      return `以下之一：${e.values.join("、")}`;
    case "type":
      return TYPES[e.type] ?? e.type;
    case "no-field":
      return "不应有此字段";
    case "detail":
      return e.detail;
  }
}

const ZH_PATTERNS: Record<SchemaPattern, string> = {
  id: "由字母、数字、“.”、“-”或“_”组成的编号",
  "question-id": "题目编号",
  "knowledge-point-id": "考试大纲中的知识点编号，如 \"1.3\"",
  "check-name": "检查项名称，如 longest-key",
  letter: "一个字母",
  letters: "若干字母，如 ACD",
  "form-letter": "A–Z 中的一个卷别字母",
  "option-letter": "一个选项字母",
  "chapter-number": "章号（数字）",
  name: "前后没有空格的名称",
};

function schema(a: SchemaArgs): string {
  const where = a.path || "（整个文件）";
  switch (a.problem) {
    case "empty-document":
      return "（整个文件）：文件是空的（应为键值映射）";
    case "not-a-mapping":
      return "每道题应写成一组键值（字段: 内容）";
    case "unknown-fields": {
      const text = `${where}：无法识别的字段 ${a.keys.map((k) => JSON.stringify(k)).join("、")}`;
      return a.splitText ? `${text}（{…} 或 […] 中的英文逗号把文字断开了：请加引号或改用中文逗号“，”）` : text;
    }
    case "missing":
      return `${where}：缺少必填字段（应为${expectation(a.expected)}）`;
    case "expected":
      return `${where}：应为${expectation(a.expected)}，实际是 ${found(a.found)}`;
    case "at-least":
      return `${where}：应${a.inclusive ? `不小于 ${a.limit}` : `大于 ${a.limit}`}（实际是 ${found(a.found)}）`;
    case "at-most":
      return `${where}：应不大于 ${a.limit}（实际是 ${found(a.found)}）`;
    case "whole-number":
      return `${where}：应为整数（实际是 ${found(a.found)}）`;
    case "quote-number":
      return `${where}：这里是数字 ${a.value}，请加引号写成 "${a.value}"（不加引号时 YAML 和 JSON 会把 1.10 读成 1.1）`;
    case "pattern":
      return a.key ? `${where}：键名应为${ZH_PATTERNS[a.pattern]}` : `${where}：应为${ZH_PATTERNS[a.pattern]}（实际是 ${found(a.found)}）`;
    case "alias-clash":
      return `${where}：${JSON.stringify(a.spelling)} 已是题型 ${a.types[0]} 的名称，不能再用作 ${a.types[1]} 的名称`;
    case "options":
      return `${where}：选项应${a.side === "min" ? "至少" : "至多"}有 ${a.limit} 个（实际是 ${found(a.found)}）`;
    case "other":
      return a.found ? `${where}：${a.detail}（实际是 ${found(a.found)}）` : `${where}：${a.detail}`;
  }
}

function sheet(a: SheetArgs): string {
  const where = [a.sheet !== undefined ? `工作表 ${a.sheet}` : "", `第 ${a.row} 行`, a.column === undefined ? "" : `${a.column} 列${a.header ? `（${a.header}）` : ""}`].filter(Boolean).join("，");
  return `${where}：${sheetIssue(a)}`;
}

function sheetIssue(a: SheetIssue): string {
  switch (a.issue) {
    case "no-question":
      return `试卷中没有第 ${a.number} 题`;
    case "sub-count":
      return a.subs ? `第 ${a.number} 题只有 ${a.subs} 个小题，没有第 ${a.asked} 小题` : `第 ${a.number} 题没有小题`;
    case "not-choice":
      return `第 ${a.number} 题是${a.type}，不是选择题`;
    case "unknown-column":
      return `无法识别的列：应为${a.idHeader}、题号（12）、小题（31(1)）或选项列（12选项）`;
    case "blank-score":
      return "得分为空（加 --blank-as-zero 可把空格记为 0 分）";
    case "not-a-number":
      return `不是数字：${JSON.stringify(a.text)}`;
    case "negative":
      return `得分 ${a.score} 为负数`;
    case "over-points":
      return `得分 ${a.score} 超过了该题的 ${a.points} 分`;
    case "bad-letters":
      return `所选选项 ${JSON.stringify(a.value)}：只能是 ${a.letters} 中的字母`;
    case "single-letter":
      return `所选选项 ${JSON.stringify(a.value)}：${a.type}只能选一个字母`;
    case "column-twice":
      return `${a.name} 列出现了两次（第一次在 ${a.first} 列）`;
    case "no-id-column":
      return `没有考生编号列（列标题为“${a.idHeader}”）`;
    case "whole-and-parts":
      return `第 ${a.number} 题既按整题（${a.whole}）又按小题（${a.part}）给分：只能取其一`;
    case "no-column":
      return `没有第 ${a.number} 题的列${a.parts.length ? `（${a.whole}，或 ${a.parts.join("、")}）` : ""}`;
    case "missing-parts":
      return `第 ${a.number} 题按小题给分，但缺少 ${a.missing.join("、")}`;
    case "empty":
      return "成绩表是空的：第一行应为列标题";
    case "no-id":
      return "缺少考生编号";
    case "id-twice":
      return `考生 ${a.id} 出现了两次（第一次在第 ${a.firstRow} 行）`;
    case "no-candidates":
      return "列标题下面没有考生成绩";
  }
}

const PATH_KINDS: Record<FileKind, string> = { directory: "是文件夹", fifo: "是命名管道", device: "是设备", socket: "是套接字", other: "其他" };

function blueprintRule(a: BlueprintProblem): string {
  switch (a.problem) {
    case "points-total":
      return `各题型合计 ${a.sum} 分，而试卷总分（paper.total_points）为 ${a.total} 分`;
    case "section-id-twice":
      return `有两个题型部分的 id 都是 ${a.id}`;
    case "undeclared-type":
      return `题型 ${a.type} 不是考试大纲所列的 ${a.declared.join("、")} 之一`;
    case "options-not-choice":
      return `question_types.${a.type}.options：${a.type}不是选择题型`;
    case "options-outside-declaration":
      return `question_types.${a.type}.options ${a.min}–${a.max} 超出了考试大纲规定的 ${a.declaredMin}–${a.declaredMax}`;
    case "shares-sum":
      return `rules.${a.dimension}.shares 的${a.dimension === "levels" ? "认知层次" : "难度"}比例合计 ${a.sum}%，应为 100%`;
    case "time-min-over-max":
      return `rules.time 的最短时间 ${a.min} 分钟超过了最长时间 ${a.max} 分钟`;
    case "time-over-paper":
      return `rules.time 的最长时间 ${a.max} 分钟超过了考试时间 ${a.minutes} 分钟`;
    case "part-without-section":
      return `paper.parts 中的${a.type}在细目表中没有这一题型`;
    case "bands-order":
      return `analysis.difficulty_bands 应从${a.grades.join("到")}依次降低，现为 ${a.bands.join("、")}`;
    case "bands-undeclared":
      return `analysis.difficulty_bands 写了 ${a.extra.join("、")}：它只给除最难一级外各难度等级（${a.expected.join("、")}）的最低难度值`;
    case "bands-missing":
      return `analysis.difficulty_bands 须给出 ${a.expected.join("、")} 各自的最低难度值：缺 ${a.missing.join("、")}`;
    case "named-twice":
      return `${a.map} 把“${a.name}”写了两次（${a.spellings.join("、")}）`;
    case "p-range":
      return `analysis.flag_p_range 的下限 ${a.min} 超过了上限 ${a.max}`;
    case "pass-mark":
      return `analysis.pass_mark ${a.pass} 分超过了试卷总分 ${a.total} 分`;
    case "shares-missing":
      return `rules.${a.dimension}.shares 须为 ${a.declared.join("、")} 各给一个比例：缺 ${a.missing.join("、")}`;
    case "shares-undeclared":
      return `rules.${a.dimension}.shares 写了考试大纲没有的 ${a.extra.join("、")}（大纲中是 ${a.declared.join("、")}）`;
    case "option-range":
      return `question_types.${a.type}.options 的下限 ${a.min} 大于上限 ${a.max}`;
    case "tiers-undeclared":
      return `rules.chapters 写了考试大纲没有的章节类别 ${a.tiers.join("、")}（大纲中是 ${a.declared.join("、")}）`;
  }
}

const LIST_NAMES = { levels: "认知层次", difficulties: "难度等级", tiers: "章节类别" } as const;

function syllabusRule(a: SyllabusProblem): string {
  switch (a.problem) {
    case "chapter-twice":
      return `第${a.chapter}章出现了两次`;
    case "point-twice":
      return `知识点 ${a.id} 出现了两次`;
    case "point-chapter":
      return `知识点 ${a.id} 列在了第${a.chapter}章下`;
    case "unknown-level":
      return `第${a.chapter}章：认知层次“${a.level}”不是 ${a.levels.join("、")} 之一`;
    case "grade-twice":
      return `${LIST_NAMES[a.list]}中“${a.name}”写了两次`;
    case "alias-taken":
      return `${LIST_NAMES[a.list]}中“${a.grade}”的别名“${a.alias}”已${a.taken === a.alias ? "是一个名称" : `是“${a.taken}”的写法`}`;
    case "undeclared-tier":
      return `第${a.chapter}章：章节类别“${a.tier}”不是大纲所列的 ${a.tiers.join("、")} 之一`;
  }
}


export const zh: Messages = {
  "unknown-chapter": (a) => `${a.id}：第${a.chapter}章不在考试大纲中`,
  "unknown-knowledge-point": (a) => `${a.id}：知识点 ${a.knowledgePoint} 不在考试大纲中`,
  "knowledge-point-chapter": (a) => `${a.id}：知识点 ${a.knowledgePoint} 属于第${a.belongsTo}章，不是第${a.chapter}章`,
  "marking-sum": (a) =>
    a.subquestion !== undefined
      ? `${a.id}：第${a.subquestion}小题的评分要点合计 ${a.sum} 分，该小题分值为 ${a.points} 分`
      : `${a.id}：评分要点合计 ${a.sum} 分，${a.type}每题 ${a.points} 分`,
  "case-points": (a) => `${a.id}：各小题合计 ${a.sum} 分，${a.type}每题 ${a.points} 分`,
  "answer-outside-options": (a) => `${a.id}：答案 ${a.answer} 不在选项 ${a.first}–${a.last} 之中`,
  "identical-options": (a) => `${a.id}：选项 ${a.first} 与 ${a.second} 完全相同`,
  "alike-options": (a) => `${a.id}：选项 ${a.first} 与 ${a.second} 只有全角、半角之别`,
  "option-letter": (a) => `${a.id}：选项 ${a.option} 自带了字母（${JSON.stringify(a.written)}）；试卷会印出选项字母，请删去`,
  "repeated-answer-letter": (a) => `${a.id}：答案 ${a.answer} 中有重复的字母`,
  "too-few-correct": (a) => `${a.id}：${a.type}至少应有 2 个正确选项，答案为 ${a.answer}`,
  "blank-count": (a) => `${a.id}：题干有 ${a.blanks} 个空（____），${a.field === "answer" ? "答案" : "accept"} 却给了 ${a.answers} 个`,
  "unknown-allow": (a) => `${a.id}：allow 中的 ${a.name} 不是命题规范检查项`,
  "undeclared-level": (a) => `${a.id}：认知层次“${a.level}”不是考试大纲所列的 ${a.levels.join("、")} 之一`,
  "undeclared-difficulty": (a) => `${a.id}：难度“${a.difficulty}”不是考试大纲所列的 ${a.difficulties.join("、")} 之一`,
  "option-count": (a) => `${a.id}：有 ${a.count} 个选项，${a.type}应有 ${a.min === a.max ? a.min : `${a.min}–${a.max}`} 个`,
  "type-not-in-blueprint": (a) => `${a.id}：细目表中没有${a.type}这一题型`,
  "difficulty-contradicts-stats": (a) => `${a.id}：标注难度为“${a.tagged}”，但第 ${a.sitting} 次考试的得分率 p = ${a.p}（${a.n} 人）属于“${a.observed}”`,
  "duplicate-id": (a) => `${a.id}：题目编号重复`,
  "duplicate-stem": (a) => `${a.id}：${FIELDS[a.field]}与 ${a.other} 相同`,
  "self-exclude": (a) => `${a.id}：互斥题目中列了自己`,
  "unknown-exclude": (a) => `${a.id}：互斥题目 ${a.other} 不在题库中`,
  "lonely-set": (a) => `${a.id}：题组 ${a.set} 只有这一道题`,
  "set-enemies": (a) => `${a.id}：与同一题组 ${a.set} 的 ${a.other} 互斥，这个题组永远无法整组入卷`,
  "wrong-section": (a) => `${a.id} 是${a.type}，却放在了${a.section}部分`,
  "unknown-question": (a) => `题库中没有题目 ${a.id}`,
  "inline-id-taken": (a) => `试卷中直接写出的题目 ${a.id} 与题库中的题目编号重复`,
  "options-order-unknown": (a) => `options_order 中的 ${a.id} 不在这份试卷中`,
  "options-order-not-choice": (a) => `options_order 中的 ${a.id} 是${a.type}，没有选项`,
  "options-order-invalid": (a) => `${a.id} 的 options_order 应把 ${a.expected.join("、")} 各列一次，而不是 ${a.found.join("、")}`,
  schema,
  "paper-schema": schema,
  "blueprint-schema": schema,
  "syllabus-schema": schema,
  "history-schema": schema,
  "blueprint-rule": blueprintRule,
  "syllabus-rule": syllabusRule,
  "no-blueprint": () => "没有指定细目表，./blueprints 中也没有找到（请用 --blueprint 文件 指定）",
  "ambiguous-blueprint": (a) => `./blueprints 中有多份细目表（${a.candidates.join("、")}）：请用 --blueprint 文件 选定一份`,
  "missing-file": (a) => `${FILE_KINDS[a.kind] ?? a.kind} ${a.file} 不存在`,
  "missing-bank": (a) => (a.notDirectory ? `题库 ${a.dir} 不是文件夹` : `题库文件夹 ${a.dir} 不存在`),
  "empty-bank": (a) => `题库文件夹 ${a.dir} 中没有 .yaml、.yml 或 .json 文件`,
  unreadable: (a) => `无法读取${a.folder ? "文件夹" : ""} ${a.file}：${a.reason}`,
  "not-a-file": (a) => `${a.file} 不是普通文件（${a.what && a.what !== "other" ? PATH_KINDS[a.what] : "管道、套接字或设备"}）：zujuan 只读取普通文件`,
  "too-large": (a) => `${a.file} ${a.over ? `超过 ${mib(a.limit)}` : `有 ${mib(a.bytes)}`}；输入文件最大 ${mib(a.limit)}`,
  "bank-folder-repeated": (a) => `${a.dir} 这个文件夹已经读过（符号链接循环或重复链接），已跳过`,
  "not-utf8": () => "文件不是 UTF-8 编码（可能存成了 GBK 等编码）：请另存为 UTF-8",
  "proto-key": (a) => `${a.path}：不允许使用名为 __proto__ 的字段`,
  "duplicate-key": (a) => `${a.path}：字段 ${JSON.stringify(a.key)} 在同一处写了两次（后一个会覆盖前一个）`,
  "yaml-syntax": (a) => `${a.yaml ? "YAML " : ""}格式错误：${a.detail}`,
  "bad-sheet": (a) => `成绩表无法使用：${a.detail}`,
  "bad-password": () => `PDF 密码须为 1 到 127 个可打印的 ASCII 字符（字母、数字、标点、空格）`,
  "bad-font": (a) => `无法使用字体 ${a.font}：${a.reason}`,
  "missing-glyph": (a) => `字体缺字：${a.detail}`,
  "sheet-unknown-column": sheet,
  "sheet-duplicate-column": sheet,
  "sheet-missing-column": sheet,
  "sheet-empty": sheet,
  "sheet-missing-id": sheet,
  "sheet-duplicate-id": sheet,
  "sheet-bad-score": sheet,
  "sheet-bad-choice": sheet,
  "sheet-no-candidates": sheet,
  "longest-key": (a) => `${a.id}：正确选项 ${a.key} 明显最长（${a.length} 字，其次 ${a.next} 字），应试经验丰富的考生不读题也会选它`,
  "absolute-distractor": (a) => `${a.id}：绝对化用语只出现在干扰项中（${list(a.options)}：${list(a.words)}），考生不读题也能排除`,
  "overlapping-options": (a) => `${a.id}：选项 ${a.option}（${a.text}）包含在选项 ${a.within} 之中`,
  "all-of-the-above": (a) => `${a.id}：选项 ${a.option} 是“${a.text}”，请另写一个似是而非的选项`,
  "all-keyed": (a) => `${a.id}：所有选项都是正确答案（${a.answer}），全选即得满分`,
  clang: (a) => `${a.id}：题干与正确选项 ${a.option} 都有“${a.word}”，而干扰项都没有（字面提示）`,
  "near-duplicate": (a) => `${a.id}：${a.kind === "options" ? "选项" : a.kind === "term" ? "名词" : "题干"}与 ${list(a.others)} 几乎相同（相似度 ${a.similarity} ≥ ${a.threshold}）；请加上 ${a.excludes}`,
  "give-away": (a) => `${a.id}：题干中出现了 ${list(a.phrases)}，正是 ${list(a.others)} 的答案；请加上 ${a.excludes}`,
  "longest-option-cue": (a) => `${typeList(a.types)}一律选最长的选项可得 ${percent(a.score)}（随机猜测 ${percent(a.chance)}，应不超过 ${percent(a.threshold)}）`,
  "absolute-wording-cue": (a) => `绝对化用语出现在 ${percent(a.distractors)} 的干扰项中，却只出现在 ${percent(a.keyed)} 的正确选项中：等于提示了错误选项`,
  "keyed-count-cue": (a) => `${percent(a.share)} 的${typeList(a.types)}全部或只差一个选项是正确答案（应不超过 ${percent(a.threshold)}）`,
  "answer-letter-balance": (a) => `${typeList(a.types)}中答案为 ${a.letter} 的占 ${percent(a.share)}（应在 ${percent(a.low)} 到 ${percent(a.high)} 之间）`,
  "difficulty-follows-level": (a) => `难度与认知层次高度相关（Cramér's V = ${a.v} > ${a.threshold}）：难度要求几乎没有在认知层次之外增加约束`,
  usage: (a) => a.detail,
  file: (a) => a.detail,
  internal: (a) => `内部错误：${a.detail}`,
};
