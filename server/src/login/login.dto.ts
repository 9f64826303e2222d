import { z } from 'zod';
import { emailField, passwordField, secretTokenField } from '../common/zod-fields';

const code = z.string({ message: 'is required' }).regex(/^\s*\d{6}\s*$/, 'must be 6 digits').transform((v) => v.trim());

export const passwordBody = z.object({ email: emailField, password: passwordField });
export const flowBody = z.object({ flowToken: secretTokenField });
export const totpConfirmBody = z.object({ flowToken: secretTokenField, factorId: z.uuid({ message: 'is not a factor id' }), code });
export const totpChallengeBody = z.object({
  flowToken: secretTokenField,
  code,
  rememberDevice: z.boolean({ message: 'must be true or false' }).default(false),
});
export const recoveryChallengeBody = z.object({
  flowToken: secretTokenField,
  recoveryCode: z.string({ message: 'is required' }).min(1, 'is required').max(64, 'is too long'),
});
export const recoveryAckBody = z.object({
  flowToken: secretTokenField,
  recorded: z.literal(true, { message: 'tick "I have safely recorded the code" to go on' }),
});

export const phoneEnrollBody = z.object({
  flowToken: secretTokenField,
  phone: z.string({ message: 'is required' }).min(1, 'is required').max(40, 'is too long'),
  channel: z.enum(['sms', 'voice'], { message: 'must be sms or voice' }),
});
export const resendBody = z.object({ flowToken: secretTokenField, pendingFactorId: z.uuid({ message: 'is not a factor id' }) });
export const codeConfirmBody = z.object({ flowToken: secretTokenField, pendingFactorId: z.uuid({ message: 'is not a factor id' }), code });
export const challengeSendBody = z.object({ flowToken: secretTokenField, factorId: z.uuid({ message: 'is not a factor id' }) });
export const codeChallengeBody = z.object({
  flowToken: secretTokenField,
  factorId: z.uuid({ message: 'is not a factor id' }),
  code,
  rememberDevice: z.boolean({ message: 'must be true or false' }).default(false),
});
