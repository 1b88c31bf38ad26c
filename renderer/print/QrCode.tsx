import { useMemo } from 'react';
import { qrPath } from './qrPath';

export interface QrCodeProps {
  /** What the code encodes. */
  value: string;
  /** Printed side length, quiet zone included, in millimetres. */
  sizeMm: number;
  /** Accessible name of the image. */
  label: string;
}

/** A QR code as an inline SVG, printed as vector shapes. */
export function QrCode({ value, sizeMm, label }: QrCodeProps) {
  const { size, d } = useMemo(() => qrPath(value), [value]);
  return (
    <svg
      className="rx-qr"
      role="img"
      aria-label={label}
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <path d={d} fill="#000" />
    </svg>
  );
}
