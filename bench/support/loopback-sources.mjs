import net from 'node:net';
import { randomInt } from 'node:crypto';

/**
 * Gives every load-generator connection to `port` its own loopback source address (127.x.y.z, all local
 * on Linux), so the API's per-address sign-in limits see many clients, as behind a real load balancer,
 * instead of refusing one busy address. autocannon calls `net.connect(port, host)`, which this wraps
 * while active. Addresses are never reused within a process: each run starts with fresh limit windows.
 * Returns the function that restores `net.connect`.
 */
let next = randomInt(0, 1 << 20);

export function spreadLoopbackSources(port) {
  const original = net.connect;
  net.connect = function connect(...args) {
    if (args[0] !== port || typeof args[1] !== 'string') return original.apply(this, args);
    return original.call(this, { port, host: args[1], localAddress: nextAddress() });
  };
  return () => {
    net.connect = original;
  };
}

function nextAddress() {
  // 127.2.0.1 – 127.254.255.254: clear of 127.0.0.0/16 and of .0/.255 host bytes.
  for (;;) {
    const n = next++ % (253 << 16);
    const [b, c, d] = [2 + (n >> 16), (n >> 8) & 255, n & 255];
    if (d !== 0 && d !== 255) return `127.${b}.${c}.${d}`;
  }
}
