/**
 * Seeds a platform data folder for the follow-up benchmark before the platform starts on it: the
 * demo district with `residents` synthetic residents (platform/seed/demo.ts, as every start
 * seeds it), then the centre's contracts, enrolments, follow-up visits and lab results
 * (./centre.ts) for its residents, written straight into the platform's database in bulk rather
 * than pushed over HTTP: one INSERT per batch, under the documents lock, in the platform's order
 * of accepted writes, with the columns a push writes (server_seq, shared_with, the document as
 * stored) and each signed visit sealed with the platform's own key as a push would seal it (at
 * its signing time, online). The desk then pulls exactly what a platform that had received
 * those pushes would serve. What a push records besides (the audit trail, desk contacts) is not
 * written: no pull reads it.
 *
 * For speed, the documents table's secondary indexes and its version trigger are set aside while
 * the rows go in, then the indexes are built again from their own definitions and the versions
 * written in one statement, as the trigger would have written them row by row.
 *
 * Bundled and run by bench/followups.mjs: `node seed.mjs <dataDir> <residents> <enrolled> <years>
 * <migrationsDir>`; prints one JSON line with what it wrote.
 */
import { migrate } from '../../platform/db/migrate';
import { advisoryLocks } from '../../platform/db/locks';
import { openStore, type Queryable } from '../../platform/db/store';
import { demoAccounts, demoCentreId, seedDemo } from '../../platform/seed/demo';
import { sealWith, signingKey, type SigningKey } from '../../platform/sync/platformKeys';
import type { EncounterDoc } from '../../shared/encounters/schema';
import { centreRecords, type CentreBatch, type CentreResident } from './centre';

/** Documents per INSERT: large, so the per-statement cost of PGlite hardly counts. */
const batchSize = 10_000;

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

/** A signed visit as the platform stores it after an online push at its signing time. */
function sealed(key: SigningKey, doc: EncounterDoc): EncounterDoc {
  const signature = doc.signature;
  if (!signature) return doc;
  return {
    ...doc,
    seal: sealWith(key, {
      signer: signature.by,
      signedAt: signature.at,
      receivedAt: signature.at,
      offline: false,
      hash: signature.hash,
    }),
  } as EncounterDoc;
}

/**
 * Sets the documents table's secondary indexes and version trigger aside; returns what puts them
 * back (the indexes from their own definitions, the versions of every row written meanwhile).
 */
async function setIndexesAside(db: Queryable): Promise<() => Promise<void>> {
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = 'documents' AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
  );
  const options = await db.query<{ name: string; reloptions: string[] | null }>(
    `SELECT relname AS name, reloptions FROM pg_class WHERE relname = ANY($1::text[])`,
    [indexes.map((i) => i.name)],
  );
  for (const { name } of indexes) await db.exec(`DROP INDEX ${name}`);
  await db.exec('ALTER TABLE documents DISABLE TRIGGER documents_versions');
  return async () => {
    for (const { name, definition } of indexes) {
      await db.exec(definition);
      // pg_get_indexdef leaves out storage parameters (e.g. GIN fastupdate = off).
      const reloptions = options.find((o) => o.name === name)?.reloptions;
      if (reloptions?.length) await db.exec(`ALTER INDEX ${name} SET (${reloptions.join(', ')})`);
    }
    await db.exec(
      `INSERT INTO document_versions (seq, collection, id, org_id, shared_with, patient_id, deleted, at)
       SELECT server_seq, collection, id, org_id, shared_with,
              CASE WHEN collection = 'patients' THEN id ELSE data->>'patientId' END, deleted,
              server_updated_at
         FROM documents d
        WHERE NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.seq = d.server_seq)
        ORDER BY server_seq`,
    );
    await db.exec('ALTER TABLE documents ENABLE TRIGGER documents_versions');
  };
}

async function main() {
  const [dataDir, residents, enrolled, years, migrationsDir] = process.argv.slice(2);
  if (!dataDir || !migrationsDir)
    throw new Error('usage: seed.mjs dataDir residents enrolled years migrationsDir');
  const started = performance.now();
  const store = await openStore({ dataDir });
  try {
    await migrate(store, migrationsDir);
    const restore = await setIndexesAside(store);
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
    const key = await signingKey(store, false);
    const counts: Record<string, number> = { carePlans: 0, encounters: 0, observations: 0 };
    await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
      const records = centreRecords(
        rows as CentreResident[],
        {
          orgId: demoCentreId,
          doctors,
          nurse: { id: nurse.id, name: nurse.displayName },
          enrolled: Number(enrolled),
          years: Number(years),
        },
        batchSize,
      );
      for (const batch of records) {
        await insertBatch(
          tx,
          batch.collection === 'encounters'
            ? { collection: 'encounters', docs: batch.docs.map((doc) => sealed(key, doc)) }
            : batch,
        );
        counts[batch.collection]! += batch.docs.length;
      }
    });
    const inserted = performance.now();
    await restore();
    await store.exec('ANALYZE');
    const done = performance.now();
    console.log(
      JSON.stringify({
        residents: rows.length,
        ...counts,
        residentsSeconds: (residentsSeeded - started) / 1000,
        followUpSeconds: (inserted - residentsSeeded) / 1000,
        indexSeconds: (done - inserted) / 1000,
        seconds: (done - started) / 1000,
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
