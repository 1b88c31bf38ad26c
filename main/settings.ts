/**
 * Main's own few preferences (the menu language, the platform an administrator set), in
 * `settings.json` under the user data folder. Patient data never comes here (DESIGN.md §2).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { localeSchema } from '../shared/ipc/contract';

const settingsSchema = z.object({
  locale: localeSchema.catch('zh-CN'),
  /** The platform set in Settings (an origin, checked again when read: main/platformAddress.ts). */
  platformUrl: z.string().optional().catch(undefined),
  /** Whether the administrator allowed plain http to it outside the clinic network. */
  allowInsecurePlatform: z.boolean().optional().catch(undefined),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { locale: 'zh-CN' };

/** Reads the settings; a missing, unreadable or malformed file yields the defaults. */
export async function loadSettings(file: string): Promise<Settings> {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : { ...defaultSettings };
  } catch {
    return { ...defaultSettings };
  }
}

let pending: Promise<unknown> = Promise.resolve();

/**
 * Merges `patch` into the stored settings. Writes go one after another and replace the file
 * atomically (temp file + rename), so a crash never leaves half a JSON document.
 */
export function updateSettings(file: string, patch: Partial<Settings>): Promise<Settings> {
  const next = pending.then(async () => {
    const settings = { ...(await loadSettings(file)), ...patch };
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
    await rename(temp, file);
    return settings;
  });
  pending = next.catch(() => undefined);
  return next;
}
