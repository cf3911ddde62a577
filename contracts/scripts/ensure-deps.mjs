// Installs the pinned npm toolchain of contracts/ (solc-js, OpenZeppelin, anvil) only when needed,
// then makes this platform's anvil binary executable.
//
// `npm ci` runs when node_modules is missing or when package.json / package-lock.json changed since
// the last install done here (a SHA-256 of both, plus the platform, is kept in node_modules).
// npm 11 does not run the install scripts of dependencies, so the anvil binary shipped in
// @foundry-rs/anvil-<os>-<arch> is chmod-ed here rather than by its postinstall script.
//
// Usage: node scripts/ensure-deps.mjs   (from contracts/, as Maven does)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { CONTRACTS_DIR, MIN_NODE_MAJOR, fail, requireNode } from './toolchain.mjs';

const NODE_MODULES = path.join(CONTRACTS_DIR, 'node_modules');
const STAMP = path.join(NODE_MODULES, '.naap-install.sha256');
const LOCK_DIR = path.join(CONTRACTS_DIR, 'target', 'npm-install.lock');
const LOCK_TIMEOUT_MS = 10 * 60 * 1000;

function installFingerprint() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    const full = path.join(CONTRACTS_DIR, file);
    if (!fs.existsSync(full)) {
      fail(`${file} is missing in ${CONTRACTS_DIR}; it pins the toolchain and must be committed.`);
    }
    hash.update(`${file}\0`).update(fs.readFileSync(full)).update('\0');
  }
  hash.update(`${process.platform}-${process.arch}`);
  return hash.digest('hex');
}

function installedFingerprint() {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// Serialises installs between concurrent builds sharing this work tree (npm ci deletes node_modules).
function withInstallLock(action) {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  const ownerFile = path.join(LOCK_DIR, 'pid');
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(ownerFile, 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid, or just released the lock
      }
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        fail(`another npm install holds ${LOCK_DIR} for more than ${LOCK_TIMEOUT_MS / 60000} min; remove it if no build is running.`);
      }
      sleep(250);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function npmCi() {
  const isWindows = process.platform === 'win32';
  console.log('naap contracts: installing the pinned npm toolchain (npm ci)');
  const result = spawnSync(isWindows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: CONTRACTS_DIR,
    stdio: 'inherit',
    shell: isWindows,
  });
  if (result.error?.code === 'ENOENT') {
    fail(`npm was not found on PATH: install Node >= ${MIN_NODE_MAJOR} with npm.`);
  }
  if (result.error) {
    fail(`could not run npm ci: ${result.error.message}`);
  }
  if (result.status !== 0) {
    fail(`npm ci failed with exit code ${result.status} (see the npm output above).`);
  }
}

function anvilPlatformPackage() {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  const supported = ['linux', 'darwin', 'win32'].includes(process.platform) && arch
    && !(process.platform === 'win32' && arch !== 'amd64');
  if (!supported) {
    fail(`@foundry-rs/anvil ships no binary for ${process.platform}-${process.arch}.`);
  }
  return `anvil-${process.platform}-${arch}`;
}

function makeAnvilExecutable() {
  const binary = path.join(NODE_MODULES, '@foundry-rs', anvilPlatformPackage(), 'bin',
    process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!fs.existsSync(binary)) {
    fail(`anvil binary missing at ${binary} after install; delete contracts/node_modules and rebuild.`);
  }
  if (process.platform !== 'win32') {
    const mode = fs.statSync(binary).mode;
    const executable = mode | 0o111;
    if (mode !== executable) {
      fs.chmodSync(binary, executable);
    }
  }
  return binary;
}

requireNode();
const wanted = installFingerprint();
if (installedFingerprint() !== wanted) {
  withInstallLock(() => {
    // Another build may have installed the same lock file while this one waited.
    if (installedFingerprint() === wanted) return;
    fs.rmSync(STAMP, { force: true });
    npmCi();
    fs.writeFileSync(STAMP, `${wanted}\n`);
  });
} else {
  console.log('naap contracts: npm toolchain up to date');
}
const anvil = makeAnvilExecutable();
console.log(`naap contracts: anvil at ${path.relative(CONTRACTS_DIR, anvil)}`);
