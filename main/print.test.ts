import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintPageOptions } from '../shared/ipc/contract';

const documents = mkdtempSync(join(tmpdir(), 'clinicdesk-print-'));
const electron = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
  fromWebContents: vi.fn((): unknown => null),
}));
vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'documents' ? documents : '/nowhere') },
  dialog: { showSaveDialog: electron.showSaveDialog },
  BrowserWindow: { fromWebContents: electron.fromWebContents },
}));

const { pdfFileName, pdfPageSize, printErrors, printPage, printerPageSize } = await import('./print');

type PrintCallback = (success: boolean, failureReason: string) => void;
const pdfBytes = Buffer.from('%PDF-1.4 slip');
const fakeSender = (printResult: [boolean, string] = [true, '']) => ({
  printToPDF: vi.fn(async (_options: unknown) => pdfBytes),
  print: vi.fn((_options: unknown, callback: PrintCallback) => callback(...printResult)),
});
const run = (sender: ReturnType<typeof fakeSender>, options: PrintPageOptions) =>
  printPage(sender as never, options);

describe('page sizes for Electron', () => {
  it('names A4 and A5 and measures the others in inches (PDF) or microns (printer)', () => {
    expect(pdfPageSize('A5')).toBe('A5');
    expect(printerPageSize('A4')).toBe('A4');
    expect(pdfPageSize('B5')).toEqual({ width: 176 / 25.4, height: 250 / 25.4 });
    expect(printerPageSize('slip130x245')).toEqual({ width: 130_000, height: 245_000 });
  });
});

describe('pdfFileName', () => {
  it('makes a safe file name from the title', () => {
    expect(pdfFileName('处方笺 RX20240501-0001')).toBe('处方笺 RX20240501-0001.pdf');
    expect(pdfFileName('../a/b:c*?"<>|\u0007d')).toBe('a b c d.pdf');
    expect(pdfFileName(' ... ')).toBe('document.pdf');
  });
});

describe('printPage to PDF', () => {
  const options: PrintPageOptions = { pageSize: 'slip130x245', target: 'pdf', title: '处方笺 RX1' };
  beforeEach(() => {
    electron.showSaveDialog.mockReset();
    electron.fromWebContents.mockReset().mockReturnValue(null);
  });

  it('renders the page at the CSS page size without margins, then saves where the user chose', async () => {
    const sender = fakeSender();
    const chosen = join(documents, 'slip');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
    await expect(run(sender, options)).resolves.toEqual({ outcome: 'saved', path: `${chosen}.pdf` });
    expect(sender.printToPDF).toHaveBeenCalledExactlyOnceWith({
      pageSize: { width: 130 / 25.4, height: 245 / 25.4 },
      printBackground: true,
      margins: { top: 0, right: 0, bottom: 0, left: 0 },
      preferCSSPageSize: true,
    });
    expect(electron.showSaveDialog).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        defaultPath: join(documents, '处方笺 RX1.pdf'),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      }),
    );
    expect(readFileSync(`${chosen}.pdf`)).toEqual(pdfBytes);
  });

  it('opens the dialog over the sender window when there is one', async () => {
    const window = { id: 1 };
    electron.fromWebContents.mockReturnValue(window);
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(documents, 'x.PDF') });
    await expect(run(fakeSender(), options)).resolves.toMatchObject({ path: join(documents, 'x.PDF') });
    expect(electron.showSaveDialog.mock.calls[0]?.[0]).toBe(window);
  });

  it('writes nothing when the user cancels', async () => {
    electron.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(run(fakeSender(), options)).resolves.toEqual({ outcome: 'cancelled' });
  });

  it('reports a failed render and a failed write by code', async () => {
    const sender = fakeSender();
    sender.printToPDF.mockRejectedValueOnce(new Error('renderer gone'));
    await expect(run(sender, options)).rejects.toThrow(printErrors.failed);
    expect(electron.showSaveDialog).not.toHaveBeenCalled();

    electron.showSaveDialog.mockResolvedValue({
      canceled: false,
      filePath: join(documents, 'no', 'such', 'dir.pdf'),
    });
    await expect(run(fakeSender(), options)).rejects.toThrow(printErrors.writeFailed);
  });
});

describe('printPage to a printer', () => {
  it('reports printed only when the print callback says it succeeded', async () => {
    // The desk records a print (and marks the next one a copy) on `printed` alone.
    const outcomes = await Promise.all(
      (
        [
          [true, ''],
          [false, ''],
          [false, 'Print job canceled'],
          [false, 'Print job failed'],
        ] as const
      ).map(([success, reason]) =>
        run(fakeSender([success, reason]), { pageSize: 'A5', target: 'printer', title: 'x' }).then(
          (result) => result.outcome,
          (error: Error) => error.message,
        ),
      ),
    );
    expect(outcomes).toEqual(['printed', printErrors.failed, 'cancelled', printErrors.failed]);
  });

  const options: PrintPageOptions = { pageSize: 'A5', target: 'printer', title: '处方笺 RX1' };

  it('opens the system dialog with the page size and resolves when printed', async () => {
    const sender = fakeSender([true, '']);
    await expect(run(sender, options)).resolves.toEqual({ outcome: 'printed' });
    expect(sender.print).toHaveBeenCalledExactlyOnceWith(
      { silent: false, printBackground: true, pageSize: 'A5' },
      expect.any(Function),
    );
    const b5 = fakeSender();
    await run(b5, { ...options, pageSize: 'B5' });
    expect(b5.print.mock.calls[0]?.[0]).toMatchObject({ pageSize: { width: 176_000, height: 250_000 } });
  });

  it('resolves cancelled when the user backs out, and rejects other failures', async () => {
    await expect(run(fakeSender([false, 'Print job canceled']), options)).resolves.toEqual({
      outcome: 'cancelled',
    });
    await expect(run(fakeSender([false, 'cancelled']), options)).resolves.toEqual({ outcome: 'cancelled' });
    await expect(run(fakeSender([false, 'Print job failed']), options)).rejects.toThrow(printErrors.failed);
    await expect(run(fakeSender([false, 'Invalid printer settings']), options)).rejects.toThrow(
      printErrors.failed,
    );
    const throwing = fakeSender();
    throwing.print.mockImplementation(() => {
      throw new RangeError('bad size');
    });
    await expect(run(throwing, options)).rejects.toThrow(printErrors.failed);
  });
});
