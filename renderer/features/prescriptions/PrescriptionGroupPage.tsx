/** Placeholder until the screen is built. */
export function PrescriptionGroupPage() {
  return null;
}
