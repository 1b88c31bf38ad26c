/** Placeholder until the screen is built. */
export function EncounterPage() {
  return null;
}
