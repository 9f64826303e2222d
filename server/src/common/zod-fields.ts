import { z } from 'zod';
import { parseEmail } from '../accounts/email-address';
import { parseNetworkId } from '../contracts/network-id';
import { SECRET_TOKEN_PATTERN } from './secret-token';

/** Field schemas that run the one normalisation of each business identifier. */
export const networkIdField = z.string({ message: 'is required' }).transform((value, ctx) => {
  const parsed = parseNetworkId(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.value;
});

export const emailField = z.string({ message: 'is required' }).transform((value, ctx) => {
  const parsed = parseEmail(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.value;
});

export const secretTokenField = z.string({ message: 'is required' }).regex(SECRET_TOKEN_PATTERN, 'is not a valid token');

/** A password as typed: checked for presence and a sane size here; the policy runs where the context is known. */
export const passwordField = z.string({ message: 'is required' }).min(1, 'is required').max(1024, 'must be at most 1024 characters');
