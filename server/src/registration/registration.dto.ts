import { z } from 'zod';
import { emailField, networkIdField, passwordField, secretTokenField } from '../common/zod-fields';

export const legacyCheckBody = z.object({ networkId: networkIdField, password: passwordField });

export const completeBody = z.object({
  flowToken: secretTokenField,
  email: emailField,
  agreeToTerms: z.literal(true, { message: 'you must agree to the terms of use and the privacy policy' }),
});
