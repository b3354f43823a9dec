#!/bin/sh
# Makes the pictures in docs/ from real PDFs of the bundled bank (seed 7): the paper in sheet mode
# (A4) and in in-paper mode (A4, A3 two columns with 密封线), the 答题卡, the answer key and the spec.
# Needs pdftoppm (Debian: apt-get install poppler-utils). Run from the repository root after
# `npm run build`; the tests never run it.
set -eu
command -v pdftoppm >/dev/null || { echo "pdftoppm is needed: apt-get install poppler-utils" >&2; exit 2; }
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli="node $root/dist/cli/main.js"

# A blueprint per shape: the bundled one with answer_mode and page changed, paths made absolute.
shape() { # name answer_mode page
  sed -e "s#^  answer_mode: .*#  answer_mode: $2#" -e "s#^  page: .*#  page: $3#" \
      -e "s#^syllabus: .*#syllabus: $root/blueprints/10421-syllabus.yaml#" -e "s#^bank: .*#bank: $root/bank/10421#" \
      "$root/blueprints/10421.yaml" > "$work/$1.yaml"
}
shape sheet-a4 sheet A4
shape in-paper-a4 in-paper A4
shape in-paper-a3 in-paper A3

$cli generate --seed 7 --blueprint "$work/sheet-a4.yaml" --out "$work/sheet-a4" >/dev/null
for b in in-paper-a4 in-paper-a3; do
  $cli render "$work/sheet-a4/10421-A.yaml" --blueprint "$work/$b.yaml" --out "$work/$b" --only paper >/dev/null
done

page() { # pdf page resolution out
  pdftoppm -png -r "$3" -f "$2" -l "$2" -singlefile "$1" "$4"
}
out=docs/pictures
page "$work/sheet-a4/10421-A-paper.pdf" 1 60 "$out/paper-sheet-mode-a4-page1"
page "$work/sheet-a4/10421-A-sheet.pdf" 1 60 "$out/answer-sheet-page1"
page "$work/sheet-a4/10421-A-answers.pdf" 2 60 "$out/answers-page2"
page "$work/sheet-a4/10421-A-spec.pdf" 2 50 "$out/spec-page2"
page "$work/in-paper-a4/10421-A-paper.pdf" 5 60 "$out/paper-in-paper-a4-page5"
page "$work/in-paper-a3/10421-A-paper.pdf" 1 45 "$out/paper-in-paper-a3-sheet1"
# The README's sample: page 1 of the same seed-7 paper.
page "$work/sheet-a4/10421-A-paper.pdf" 1 60 docs/sample-paper-page1
# The Word paper beside it, as LibreOffice prints it (when LibreOffice is there: apt-get install libreoffice-writer).
if command -v soffice >/dev/null; then
  $cli render "$work/sheet-a4/10421-A.yaml" --blueprint "$work/sheet-a4.yaml" --out "$work/docx" --only paper --to docx >/dev/null
  soffice --headless --convert-to pdf --outdir "$work/docx" "$work/docx/10421-A-paper.docx" >/dev/null 2>&1
  page "$work/docx/10421-A-paper.pdf" 1 60 docs/sample-docx-page1
fi
echo "wrote $(ls $out | wc -l) pictures in $out and docs/sample-paper-page1.png (seed 7)"
