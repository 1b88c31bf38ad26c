/**
 * Paper sizes a slip prints on (a template setting, A5 by default: DOMAIN.md §1.6), and the CSS
 * that sets the page. The page itself has no margin: the slip pads its own content, so the same
 * layout comes out of the browser's print dialog (no header or footer lines on a margin-free page)
 * and out of Electron's PDF writer.
 */
import { defaultPageSize, pageSizeNames, pageSizes, type PageSizeName } from '../../shared/ipc/contract';

export { defaultPageSize, pageSizeNames, type PageSizeName };

/** One page size as the slip lays itself out on it. */
export interface PaperLayout {
  readonly widthMm: number;
  readonly heightMm: number;
  /** Blank border the slip keeps inside the sheet: printers cannot print to the edge. */
  readonly marginMm: number;
  /** Base font size: larger sheets print larger text. */
  readonly fontPt: number;
}

const spacing: Record<PageSizeName, { marginMm: number; fontPt: number }> = {
  A5: { marginMm: 8, fontPt: 10.5 },
  A4: { marginMm: 12, fontPt: 13 },
  B5: { marginMm: 10, fontPt: 12 },
  slip130x245: { marginMm: 7, fontPt: 10 },
};

/** Dimensions, inner margin and base font size of a page size (portrait). */
export function paperOf(name: PageSizeName): PaperLayout {
  const { widthMm, heightMm } = pageSizes[name];
  return { widthMm, heightMm, ...spacing[name] };
}

/** Whether `value` names a page size, e.g. a setting read back from storage. */
export function isPageSizeName(value: unknown): value is PageSizeName {
  return pageSizeNames.some((name) => name === value);
}

/** The `@page` rule for a page size, e.g. `@page { size: 148mm 210mm; margin: 0; }`. */
export function pageCss(name: PageSizeName): string {
  const { widthMm, heightMm } = pageSizes[name];
  return `@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }`;
}
