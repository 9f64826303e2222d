import { isLegacyCheckOk, type LegacyCheckOk } from '../../api';

/**
 * The verified registration flow (legacy-check's answer, flowToken included). Kept in this tab's
 * sessionStorage so that a reload, or a look at the terms, does not send the customer back to step 1;
 * dropped on completion, on restart and once it has expired (30 minutes).
 */
const FLOW_KEY = 'ikou.portal.registration';

export type Flow = LegacyCheckOk;

export const loadFlow = (): Flow | null => {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(FLOW_KEY) ?? 'null');
    if (isLegacyCheckOk(stored) && Date.parse(stored.expiresAt) > Date.now()) return stored;
    sessionStorage.removeItem(FLOW_KEY);
  } catch {
    // storage disabled or garbled: start over
  }
  return null;
};

export const saveFlow = (flow: Flow) => {
  try {
    sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  } catch {
    // storage disabled: the flow lives in React state only
  }
};

export const clearFlow = () => {
  try {
    sessionStorage.removeItem(FLOW_KEY);
  } catch {
    // storage disabled
  }
};
