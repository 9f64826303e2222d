/**
 * What staff may read of a message sent to a customer: everything but what would let the reader act as
 * the customer — one-time codes (valid for minutes) and the tokens of password-set links.
 */
export function redactMessageBody(template: string, body: string): string {
  let text = body.replace(/([#?&]token=)[A-Za-z0-9_-]+/g, '$1[redacted]');
  if (template === 'mfa-code') {
    // Six digits in a row (mail, SMS) or spoken one by one with separators (voice: 1、2、3、4、5、6).
    text = text.replace(/\d(?:[、,\s]*\d){5}/g, '••••••');
  }
  return text;
}
