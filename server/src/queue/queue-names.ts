/** One catalogue of queues and jobs (`<Entity><Verb>`), so every enqueue and processor agrees on names. */
export enum QueueName {
  BulkTransfer = 'bulk-transfer',
  LegacyImport = 'legacy-import',
  Mail = 'mail',
  SmsVoice = 'sms-voice',
}

export enum JobName {
  TicketValidate = 'TicketValidate',
  TicketExecute = 'TicketExecute',
  TicketReconcile = 'TicketReconcile',
  LegacyImportRun = 'LegacyImportRun',
  MailSend = 'MailSend',
  MailReconcile = 'MailReconcile',
  SmsVoiceSend = 'SmsVoiceSend',
  SmsVoiceReconcile = 'SmsVoiceReconcile',
}

export const ALL_QUEUES = Object.values(QueueName);
