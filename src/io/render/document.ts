import { createHash, randomBytes } from "node:crypto";
import PDFDocument from "pdfkit";
import { BOLD, REGULAR, type FontPair } from "./fonts.js";

/** 2 cm, in points. */
export const MARGIN = 56.69;

/** Every date a PDF records: fixed, so that the same input gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export interface DocumentSetup {
  fonts: FontPair;
  title: string;
  subject: string;
  landscape?: boolean;
  /** Paper size (default A4). */
  size?: "A4" | "A3" | "B4";
  /** Margins other than the 2 cm all round. */
  margins?: { top: number; bottom: number; left: number; right: number };
  /** Encrypts with AES-256: this opens the document, printing allowed; an unknown owner password guards the rest. */
  password?: string;
  ownerPassword?: string;
}

/** An A4 document with fixed metadata, buffered pages (for 第X页(共Y页)) and the two faces registered. */
export function createDocument(setup: DocumentSetup): PDFKit.PDFDocument {
  const options: PDFKit.PDFDocumentOptions = {
    size: setup.size ?? "A4",
    layout: setup.landscape ? "landscape" : "portrait",
    margins: setup.margins ?? { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    info: { Title: setup.title, Subject: setup.subject, Producer: "zujuan", Creator: "zujuan", CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  };
  if (setup.password !== undefined) {
    options.pdfVersion = "1.7ext3";
    options.userPassword = setup.password;
    options.ownerPassword = setup.ownerPassword ?? randomBytes(24).toString("hex");
    options.permissions = { printing: "highResolution", copying: false, modifying: false, annotating: false, contentAccessibility: true };
  }
  const doc = new PDFDocument(options);
  doc.registerFont(REGULAR, setup.fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont(BOLD, setup.fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(REGULAR);
  return doc;
}

/**
 * Ends the document and returns its bytes. The trailer's /ID (pdfkit derives it from the metadata, so
 * every zujuan PDF would share it) becomes the MD5 of the document itself: same content, same ID.
 */
export async function finishDocument(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.end();
  await ended;
  return withContentId(Buffer.concat(chunks));
}

function withContentId(pdf: Buffer): Uint8Array {
  const trailer = pdf.lastIndexOf("trailer");
  const tail = pdf.subarray(trailer).toString("latin1");
  const found = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(tail);
  if (trailer < 0 || !found) return new Uint8Array(pdf);
  const id = createHash("md5").update(pdf).digest("hex");
  const patched = tail.replace(found[0], `/ID [<${id}> <${id}>]`);
  return new Uint8Array(Buffer.concat([pdf.subarray(0, trailer), Buffer.from(patched, "latin1")]));
}

/** Columns of a sheet that are numbered as pages of their own (two 16开 pages side by side on A3). */
export interface FooterColumns {
  used: number[];
  width: number;
  step: number;
}

/**
 * Writes a footer line on every page, centred in the bottom margin: the text gets page X of Y. With
 * columns, each column used is a page and gets its own footer, centred under it.
 */
export function addFooters(doc: PDFKit.PDFDocument, footer: (page: number, pages: number) => string, columns?: FooterColumns): void {
  const { start, count } = doc.bufferedPageRange();
  const perSheet = (i: number) => columns?.used[i] ?? 1;
  const total = Array.from({ length: count }, (_, i) => perSheet(i)).reduce((a, b) => a + b, 0);
  let number = 0;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const bottom = margins.bottom;
    // Writing inside the bottom margin would make pdfkit start a new page: lift the margin meanwhile.
    margins.bottom = 0;
    for (let k = 0; k < perSheet(i - start); k++) {
      const x = margins.left + k * (columns?.step ?? 0);
      const w = columns?.width ?? width - margins.left - margins.right;
      doc.font(REGULAR).fontSize(9).text(footer(++number, total), x, height - bottom + 14, { width: w, align: "center", lineBreak: false });
    }
    margins.bottom = bottom;
  }
}
