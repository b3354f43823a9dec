// Two columns on a landscape sheet (A3, B4): every block is measured for the left column, and the
// right column is the same drawing shifted right. A "page" of the flow is then a column: a new page
// goes to the next column, or to a new sheet after the last one.

type Doc = PDFKit.PDFDocument;

interface ColumnState {
  count: number;
  /** Shift from one column to the next, in points. */
  step: number;
  width: number;
  current: number;
  /** Columns used on each sheet. */
  used: number[];
}

const states = new WeakMap<Doc, ColumnState>();

/** Lays the document out in `count` columns of `width`, each `step` to the right of the one before. */
export function useColumns(doc: Doc, count: number, width: number, step: number): void {
  states.set(doc, { count, step, width, current: 0, used: [1] });
}

/** Where the next part of the flow goes: the next column of this sheet, or a new sheet. */
export function nextPage(doc: Doc): void {
  const state = states.get(doc);
  if (!state) {
    doc.addPage();
    return;
  }
  if (state.current > 0) doc.restore();
  if (state.current < state.count - 1) {
    state.current++;
    doc.save();
    doc.translate(state.step * state.current, 0);
    state.used[state.used.length - 1] = state.current + 1;
  } else {
    state.current = 0;
    doc.addPage();
    state.used.push(1);
  }
  doc.y = doc.page.margins.top;
  doc.x = doc.page.margins.left;
}

/** Ends the column layout (before footers are drawn): how many columns each sheet used, or undefined for one-column documents. */
export function finishColumns(doc: Doc): { used: number[]; width: number; step: number } | undefined {
  const state = states.get(doc);
  if (!state) return undefined;
  if (state.current > 0) doc.restore();
  states.delete(doc);
  return { used: state.used, width: state.width, step: state.step };
}
