/** The staff session cookie: never the customers' one, so neither session can stand in for the other. */
export function staffCookieName(production: boolean): string {
  return production ? '__Host-ikou_staff' : 'ikou_staff';
}
