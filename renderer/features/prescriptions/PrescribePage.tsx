/** Placeholder until the screen is built. */
export function PrescribePage() {
  return null;
}
