export { analyzeSitting, passMarkOf, wholeScores, type Analysis, type ItemAnalysis } from "./analyze.js";
export type { Flag } from "./flags.js";
export { retagPlan, type DifficultyChange, type RetagPlan } from "./retag.js";
export { columnName, readScoreTable, sittingRows, templateHeader, type CellValue, type RawTable, type SheetOptions } from "./sheet.js";
export { simulateSitting, trueP, type ItemParameters, type SimulatedSitting } from "./simulate.js";
export type { Sitting } from "./sitting.js";
export { questionUnits, type QuestionUnit } from "./units.js";
