/**
 * Seeds a platform data folder for the follow-up benchmark before the platform starts on it: the
 * demo district with `residents` synthetic residents (platform/seed/demo.ts, as every start
 * seeds it), then the centre's contracts, enrolments, follow-up visits and lab results
 * (./centre.ts) for its residents, written as the demo seed writes residents: one INSERT per
 * batch, under the documents lock, in the platform's order of accepted writes.
 *
 * Bundled and run by bench/followups.mjs: `node seed.mjs <dataDir> <residents> <enrolled> <years>
 * <migrationsDir>`; prints one JSON line with what it wrote.
 */
import { migrate } from '../../platform/db/migrate';
import { advisoryLocks } from '../../platform/db/locks';
import { openStore, type Queryable } from '../../platform/db/store';
import { demoAccounts, demoCentreId, seedDemo } from '../../platform/seed/demo';
import { centreRecords, type CentreBatch, type CentreResident } from './centre';

async function insertBatch(tx: Queryable, batch: CentreBatch): Promise<void> {
  await tx.query(
    `INSERT INTO documents (collection, id, org_id, shared_with, data)
     SELECT $2, doc->>'id', doc->>'orgId',
            ARRAY(SELECT jsonb_array_elements_text(doc->'sharedWith')), doc
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(doc, n)
     ORDER BY n`,
    [JSON.stringify(batch.docs), batch.collection],
  );
}

async function main() {
  const [dataDir, residents, enrolled, years, migrationsDir] = process.argv.slice(2);
  if (!dataDir || !migrationsDir)
    throw new Error('usage: seed.mjs dataDir residents enrolled years migrationsDir');
  const started = performance.now();
  const store = await openStore({ dataDir });
  try {
    await migrate(store, migrationsDir);
    await seedDemo(store, { residents: Number(residents) });
    const residentsSeeded = performance.now();
    const rows = await store.query<{ id: string; birthDate: string; sex: string }>(
      `SELECT id, data->>'birthDate' AS "birthDate", data->>'sex' AS sex FROM documents
       WHERE collection = 'patients' AND org_id = $1 ORDER BY server_seq`,
      [demoCentreId],
    );
    const doctors = demoAccounts
      .filter((a) => a.orgId === demoCentreId && a.role === 'doctor')
      .map((a) => ({ id: a.id, name: a.displayName }));
    const nurse = demoAccounts.find((a) => a.orgId === demoCentreId && a.role === 'nurse')!;
    const counts: Record<string, number> = { carePlans: 0, encounters: 0, observations: 0 };
    await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
      const records = centreRecords(rows as CentreResident[], {
        orgId: demoCentreId,
        doctors,
        nurse: { id: nurse.id, name: nurse.displayName },
        enrolled: Number(enrolled),
        years: Number(years),
      });
      for (const batch of records) {
        await insertBatch(tx, batch);
        counts[batch.collection]! += batch.docs.length;
      }
      await tx.exec('ANALYZE documents');
    });
    const done = performance.now();
    console.log(
      JSON.stringify({
        residents: rows.length,
        ...counts,
        residentsSeconds: (residentsSeeded - started) / 1000,
        followUpSeconds: (done - residentsSeeded) / 1000,
      }),
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
