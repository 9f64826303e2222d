/** The documents a customer agrees to at registration; bump a version when its text changes. */
export const CURRENT_CONSENT = { termsVersion: '2023-08', privacyPolicyVersion: '2023-08' } as const;
