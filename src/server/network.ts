/** The address phones on the classroom network use to reach this laptop. */
import { networkInterfaces } from 'node:os';

export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return undefined;
}
