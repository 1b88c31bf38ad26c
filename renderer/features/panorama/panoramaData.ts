/**
 * The patient panorama (全景视图) as plain data: one pass over a resident's records gives the
 * timeline (./timeline.ts), the trend charts (./trends.ts) and the programmes the resident is in.
 * No React, no database, no words: the screen translates codes, and the benchmark runs these
 * functions on its own data.
 */
import type { Programme } from '../../../shared/carePlans/schema';
import { prepare, type PanoramaContext, type PanoramaRecords } from './records';
import { activeProgrammes, timelineOf, type TimelineEntry } from './timeline';
import { chartsOf, type PanoramaCharts } from './trends';

export * from './records';
export * from './timeline';
export * from './trends';

export interface Panorama extends PanoramaCharts {
  timeline: TimelineEntry[];
  programmes: Programme[];
}

/** Timeline, charts and programmes at once, preparing the records once. */
export function buildPanorama(input: PanoramaRecords, ctx: PanoramaContext): Panorama {
  const p = prepare(input);
  return { timeline: timelineOf(p), ...chartsOf(p, ctx), programmes: activeProgrammes(p.carePlans) };
}
