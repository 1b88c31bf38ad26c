/**
 * `POST /v1/numbers/lease`: a desk asks for a block of a number series (./series.ts). The platform
 * draws it from the organisation's counter in one transaction (a row lock, so two platform
 * processes never hand out overlapping blocks), records the lease under the desk's id and the
 * signed-in staff member, and never issues those values again. A desk whose blocks were cleared
 * simply gets new blocks: the desk id labels a lease, it never brings old values back.
 */
import { z } from 'zod';
import { isSeriesDay, maxBlockSize, maxBlockSizeOf, numberSeriesNames, seriesRules } from './series';

export const numbersLeasePath = '/v1/numbers/lease';

export const leaseRequestSchema = z
  .object({
    series: z.enum(numberSeriesNames),
    /** The desk's identity, the one it signed in with (renderer/auth/session.ts `deskIdOf`). */
    deskId: z.string().min(8).max(64),
    /** Numbers wanted; the series' block size when absent. */
    size: z.number().int().min(1).max(maxBlockSize).optional(),
    /** The day (YYYY-MM-DD) of a daily series' block: required for one, refused for others. */
    day: z.string().max(10).refine(isSeriesDay).optional(),
  })
  .refine((request) => Boolean(seriesRules[request.series].daily) === (request.day !== undefined), {
    path: ['day'],
  })
  .refine((request) => request.size === undefined || request.size <= maxBlockSizeOf(request.series), {
    path: ['size'],
  });
export type LeaseRequest = z.infer<typeof leaseRequestSchema>;

export const leaseSchema = z.object({
  id: z.string(),
  series: z.enum(numberSeriesNames),
  prefix: z.string(),
  first: z.number().int().positive(),
  last: z.number().int().positive(),
  leasedAt: z.string(),
  /** The day of a daily series' block. */
  day: z.string().optional(),
});
export type Lease = z.infer<typeof leaseSchema>;

export const leaseResponseSchema = z.object({ lease: leaseSchema });
export type LeaseResponse = z.infer<typeof leaseResponseSchema>;

/**
 * Codes of number allocation: `numbers.seriesFull` (platform, HTTP 409: the series has no values
 * left for the organisation); `numbers.exhausted` (desk: no number left in its blocks and the
 * platform cannot be reached to lease more).
 */
export const numbersErrorCodes = ['numbers.seriesFull', 'numbers.exhausted'] as const;
export type NumbersErrorCode = (typeof numbersErrorCodes)[number];

/** Field error code of a pushed record whose number another record of the organisation holds. */
export const numberTakenCode = 'outpatientNoTaken';
/** Field error code of a pushed record that changes a number it already had on the platform. */
export const numberChangedCode = 'outpatientNoChanged';
/** Field error code of a number that is not in the series' printed format. */
export const numberFormatCode = 'outpatientNoFormat';
/**
 * Field error code of a pushed appointment whose ticket another appointment of the organisation
 * holds on the same day: its desk draws a fresh ticket and pushes again.
 */
export const ticketTakenCode = 'ticketTaken';
