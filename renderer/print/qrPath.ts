/**
 * A QR code as one SVG path: the dark modules of `qrcode`'s matrix, merged into runs per row,
 * surrounded by the four-module quiet zone scanners need. Drawn as vector shapes, the code stays
 * sharp at any print resolution and needs no image or data URL.
 */
import QRCode from 'qrcode';

/** Modules of blank border around the symbol (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

export interface QrPath {
  /** Side of the square viewBox in modules, quiet zone included. */
  readonly size: number;
  /** Path data of the dark modules, in module units. */
  readonly d: string;
}

/**
 * The QR code of `text` at error-correction level M.
 * @throws when `text` is empty or too long for any QR version
 */
export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, d: parts.join('') };
}
