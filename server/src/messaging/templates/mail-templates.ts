import { bulkTransferAutoRejectedTemplate, type BulkTransferAutoRejectedData } from './bulk-transfer-auto-rejected.template';
import { bulkTransferFinishedTemplate, type BulkTransferFinishedData } from './bulk-transfer-finished.template';
import { bulkTransferReceivedTemplate, type BulkTransferReceivedData } from './bulk-transfer-received.template';
import { bulkTransferRejectedTemplate, type BulkTransferRejectedData } from './bulk-transfer-rejected.template';
import { contractsAttachedTemplate, type ContractsAttachedData } from './contracts-attached.template';
import { deskMfaChangeTemplate, type DeskMfaChangeData } from './desk-mfa-change.template';
import type { MailTemplate } from './mail-layout';
import { mfaCodeTemplate, type MfaCodeData } from './mfa-code.template';
import { mfaSettingsChangedTemplate, type MfaSettingsChangedData } from './mfa-settings-changed.template';
import { passwordSetLinkTemplate, type PasswordSetLinkData } from './password-set-link.template';
import { registrationAlreadyRegisteredTemplate, type RegistrationAlreadyRegisteredData } from './registration-already-registered.template';
import { registrationCompleteTemplate, type RegistrationCompleteData } from './registration-complete.template';

export type { BulkTransferAutoRejectedData, BulkTransferFinishedData, BulkTransferReceivedData, BulkTransferRejectedData, ContractsAttachedData, DeskMfaChangeData, MfaCodeData, MfaSettingsChangedData, PasswordSetLinkData, RegistrationAlreadyRegisteredData, RegistrationCompleteData };

/** Every mail template by name, with the data it needs: queueMail is type-checked against this map. */
export interface MailTemplateDataMap {
  'registration-complete': RegistrationCompleteData;
  'registration-already-registered': RegistrationAlreadyRegisteredData;
  'password-set-link': PasswordSetLinkData;
  'mfa-settings-changed': MfaSettingsChangedData;
  'mfa-code': MfaCodeData;
  'contracts-attached': ContractsAttachedData;
  'bulk-transfer-received': BulkTransferReceivedData;
  'desk-mfa-change': DeskMfaChangeData;
  'bulk-transfer-auto-rejected': BulkTransferAutoRejectedData;
  'bulk-transfer-finished': BulkTransferFinishedData;
  'bulk-transfer-rejected': BulkTransferRejectedData;
}

export type MailTemplateName = keyof MailTemplateDataMap;

export const MAIL_TEMPLATES: { [N in MailTemplateName]: MailTemplate<MailTemplateDataMap[N]> } = {
  'registration-complete': registrationCompleteTemplate,
  'registration-already-registered': registrationAlreadyRegisteredTemplate,
  'password-set-link': passwordSetLinkTemplate,
  'mfa-settings-changed': mfaSettingsChangedTemplate,
  'mfa-code': mfaCodeTemplate,
  'contracts-attached': contractsAttachedTemplate,
  'bulk-transfer-received': bulkTransferReceivedTemplate,
  'desk-mfa-change': deskMfaChangeTemplate,
  'bulk-transfer-auto-rejected': bulkTransferAutoRejectedTemplate,
  'bulk-transfer-finished': bulkTransferFinishedTemplate,
  'bulk-transfer-rejected': bulkTransferRejectedTemplate,
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderMail<N extends MailTemplateName>(name: N, data: MailTemplateDataMap[N]): RenderedMail {
  const template: MailTemplate<MailTemplateDataMap[N]> = MAIL_TEMPLATES[name];
  if (!template) throw new Error(`unknown mail template ${String(name)}`);
  return { subject: template.subject(data), text: template.text(data), html: template.html(data) };
}
