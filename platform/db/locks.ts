/**
 * Keys of the transaction-level advisory locks (`pg_advisory_xact_lock`) the platform takes. One
 * list, so two features never pick the same number by accident. Each lock is released at commit.
 */
export const advisoryLocks = {
  /** Held while a migration runs, so two platform processes starting together migrate once. */
  migrations: 720_101,
  /** Serialises audit appends: each event must see the hash of the one before it. */
  auditChain: 720_102,
  /** Serialises document writes, so `server_seq` values commit in the order they were drawn. */
  documents: 720_103,
} as const;
