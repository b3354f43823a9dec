// The few parts of fontkit 2 (untyped on npm) that the renderer uses.
declare module "fontkit" {
  export interface Font {
    postscriptName: string | null;
    familyName: string | null;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): unknown;
  }
  export interface FontCollection {
    fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
