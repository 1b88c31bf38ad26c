/** Placeholder until the screen is built. */
export function NewEncounterPage() {
  return null;
}
