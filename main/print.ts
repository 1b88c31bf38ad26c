/**
 * Printing the renderer's page: to a printer through the system print dialog, or to a PDF file the
 * user names. The page's print stylesheet decides what shows and its `@page` rule sets the sheet;
 * the sizes passed here agree with it and apply where the CSS does not.
 */
import { BrowserWindow, app, dialog, type SaveDialogOptions, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  pageSizes,
  type PageSizeName,
  type PrintPageOptions,
  type PrintPageResult,
} from '../shared/ipc/contract';

export const printErrors = {
  /** The printer or the PDF writer reported an error. */
  failed: 'print.failed',
  /** The PDF was made but could not be written where the user chose. */
  writeFailed: 'print.writeFailed',
} as const;

const MM_PER_INCH = 25.4;
const MICRONS_PER_MM = 1000;

type NamedSize = 'A4' | 'A5';

/** The `pageSize` of `webContents.printToPDF`: a name Chromium knows, or inches. */
export function pdfPageSize(name: PageSizeName): NamedSize | { width: number; height: number } {
  const { widthMm, heightMm, chromiumName } = pageSizes[name];
  return chromiumName ?? { width: widthMm / MM_PER_INCH, height: heightMm / MM_PER_INCH };
}

/** The `pageSize` of `webContents.print`: a name Chromium knows, or microns. */
export function printerPageSize(name: PageSizeName): NamedSize | { width: number; height: number } {
  const { widthMm, heightMm, chromiumName } = pageSizes[name];
  return chromiumName ?? { width: widthMm * MICRONS_PER_MM, height: heightMm * MICRONS_PER_MM };
}

/**
 * A file name for a document title: characters no file system accepts become spaces, leading dots
 * go, and an empty result falls back to `document`.
 */
export function pdfFileName(title: string): string {
  const base = title
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${base || 'document'}.pdf`;
}

/**
 * Prints `sender`'s page as `options` asks.
 * @throws `print.failed` when the printer or PDF writer fails, `print.writeFailed` when the PDF
 *   cannot be saved where the user chose
 */
export function printPage(sender: WebContents, options: PrintPageOptions): Promise<PrintPageResult> {
  return options.target === 'pdf' ? saveAsPdf(sender, options) : sendToPrinter(sender, options);
}

/** The system print dialog; resolves once the user has printed or cancelled. */
function sendToPrinter(sender: WebContents, { pageSize }: PrintPageOptions): Promise<PrintPageResult> {
  return new Promise((resolve, reject) => {
    try {
      sender.print(
        { silent: false, printBackground: true, pageSize: printerPageSize(pageSize) },
        (success, failureReason) => {
          if (success) resolve({ outcome: 'printed' });
          else if (/cancel/i.test(failureReason)) resolve({ outcome: 'cancelled' });
          else reject(new Error(printErrors.failed));
        },
      );
    } catch {
      reject(new Error(printErrors.failed));
    }
  });
}

/**
 * Renders the PDF first, so it shows the page as it was when the user asked, then asks where to
 * save it (in Documents, named after the title) and writes it there.
 */
async function saveAsPdf(
  sender: WebContents,
  { pageSize, title }: PrintPageOptions,
): Promise<PrintPageResult> {
  let data: Buffer;
  try {
    data = await sender.printToPDF({
      pageSize: pdfPageSize(pageSize),
      printBackground: true,
      margins: { top: 0, right: 0, bottom: 0, left: 0 },
      preferCSSPageSize: true,
    });
  } catch {
    throw new Error(printErrors.failed);
  }
  const dialogOptions: SaveDialogOptions = {
    defaultPath: join(app.getPath('documents'), pdfFileName(title)),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = BrowserWindow.fromWebContents(sender);
  const { canceled, filePath } = window
    ? await dialog.showSaveDialog(window, dialogOptions)
    : await dialog.showSaveDialog(dialogOptions);
  if (canceled || !filePath) return { outcome: 'cancelled' };
  const path = extname(filePath).toLowerCase() === '.pdf' ? filePath : `${filePath}.pdf`;
  try {
    await writeFile(path, data);
  } catch {
    throw new Error(printErrors.writeFailed);
  }
  return { outcome: 'saved', path };
}
