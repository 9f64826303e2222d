/** GET /api/console/customers (a row of the search). */
export interface CustomerRow {
  id: string;
  email: string;
  state: CustomerState;
  createdAt: string;
  contracts: number;
  customerNames: string[];
  mfaEnrolled: boolean;
}

export type CustomerState = 'pending_password' | 'active' | 'disabled';

/** GET /api/console/customers/{id}: the customer page (docs/api-console.md, "Customers"). */
export interface CustomerProfile {
  id: string;
  email: string;
  state: CustomerState;
  passwordSet: boolean;
  createdAt: string | null;
  consent: { termsVersion: string | null; privacyPolicyVersion: string | null; consentedAt: string | null } | null;
  activeSessions: number;
  contracts: Array<{
    id: string;
    networkId: string;
    serviceType: string;
    serviceName: { ja: string; en: string };
    status: string;
    contractedAt: string;
    linkedAt: string | null;
    linkedVia: string | null;
    billingAccount: { code: string; customerName: string; consolidated: boolean; topCruiseLinked: boolean };
  }>;
  factors: Array<{
    id: string;
    type: string;
    state: string;
    label: string | null;
    phone: string | null;
    consecutiveFailures: number;
    createdAt: string | null;
    enrolledAt: string | null;
    lastUsedAt: string | null;
  }>;
  recoveryCode: { createdAt: string | null } | null;
  rememberedDevices: Array<{ id: string; label: string; createdAt: string | null; expiresAt: string | null; lastUsedAt: string | null }>;
  lockouts: Array<{ networkId: string; failures: number; consecutiveFailures: number; lockedUntil: string | null; lastFailureAt: string | null }>;
  messages: Array<{
    id: string;
    channel: string;
    template: string;
    recipient: string;
    subject: string | null;
    body: string;
    state: string;
    attempts: number;
    lastError: string | null;
    createdAt: string | null;
    sentAt: string | null;
  }>;
  tickets: Array<{
    id: string;
    number: string;
    state: string;
    open: boolean;
    channel: string;
    remark: string;
    networkId: string;
    receivedAt: string | null;
    dueAt: string | null;
  }>;
  audit: Array<{
    id: number;
    occurredAt: string | null;
    actor: { type: string; id: string | null };
    action: string;
    target: { type: string; id: string | null } | null;
    reason: string | null;
  }>;
}

export const CUSTOMER_STATES: CustomerState[] = ['pending_password', 'active', 'disabled'];

/** POST /api/console/customers/{id}/mfa-reset `reasonCode`. */
export const MFA_RESET_REASONS = ['lost_device', 'new_phone', 'lost_recovery_code', 'locked_out', 'other'] as const;
