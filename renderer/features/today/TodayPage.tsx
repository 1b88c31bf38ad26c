/** Placeholder until the screen is built. */
export function TodayPage() {
  return null;
}
