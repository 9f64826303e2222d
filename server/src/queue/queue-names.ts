/** One catalogue of queues and jobs (`<Entity><Verb>`), so every enqueue and processor agrees on names. */
export enum QueueName {
  LegacyImport = 'legacy-import',
  Mail = 'mail',
}

export enum JobName {
  LegacyImportRun = 'LegacyImportRun',
  MailSend = 'MailSend',
  MailReconcile = 'MailReconcile',
}

export const ALL_QUEUES = Object.values(QueueName);
