// Whether the core checks each answer against the contract's response schema: in tests and development builds.

/** True under vitest, in development (NODE_ENV=development) and with MARGINALIA_CHECK_RESPONSES=1; off in releases. */
export const CHECK_RESPONSES =
  process.env.VITEST !== undefined || process.env.NODE_ENV === 'development' || process.env.MARGINALIA_CHECK_RESPONSES === '1';
