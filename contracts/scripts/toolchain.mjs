// What the contracts build scripts share: where contracts/ is, the Node version they need, and how
// they fail (one line, exit 1, so Maven stops with the reason).

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE_MAJOR = 20;
export const CONTRACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function fail(message) {
  console.error(`naap contracts: ${message}`);
  process.exit(1);
}

export function requireNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    fail(`Node ${process.versions.node} is too old: install Node >= ${MIN_NODE_MAJOR} with npm.`);
  }
}
