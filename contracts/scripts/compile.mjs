// Compiles every .sol file under contracts/src with the pinned solc-js (standard JSON input) and
// writes, for each deployable contract, target/contracts/<Name>.abi and target/contracts/<Name>.bin,
// plus target/contracts/combined.json (compiler version, settings, and every contract's source, ABI
// and bytecode).
//
// Fails (exit 1) on any compiler error, on two contracts with the same name, and on bytecode that
// needs library linking. Skips the compiler (and even loading it) when nothing that affects the
// output changed: a SHA-256 over the sources, this script, the settings and package-lock.json (which
// pins solc and OpenZeppelin) is kept in target/contracts/.fingerprint next to the list of outputs.
//
// Usage: node scripts/compile.mjs   (from contracts/, as Maven does; `npm run compile` works too)

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CONTRACTS_DIR, fail, requireNode } from './toolchain.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const SOURCE_DIR = path.join(CONTRACTS_DIR, 'src');
const OUTPUT_DIR = path.join(CONTRACTS_DIR, 'target', 'contracts');
const FINGERPRINT = path.join(OUTPUT_DIR, '.fingerprint');
const COMBINED = 'combined.json';

// cancun: the newest EVM both solc 0.8.28 (its default) and Arbitrum support; anvil 1.7.1 runs it.
const SETTINGS = Object.freeze({
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  remappings: ['@openzeppelin/=node_modules/@openzeppelin/'],
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences'] } },
});

function loadSolc() {
  const require = createRequire(path.join(CONTRACTS_DIR, 'package.json'));
  try {
    return require('solc');
  } catch {
    fail('solc-js is not installed: run `node scripts/ensure-deps.mjs` (Maven does) first.');
  }
}

/** Every .sol file under dir, as source unit names relative to contracts/ with '/' separators. */
function soliditySources(dir) {
  const found = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.sol')) {
        found.push(path.relative(CONTRACTS_DIR, full).split(path.sep).join('/'));
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}

function fingerprint(sourceNames) {
  const hash = createHash('sha256');
  const part = (label, content) => hash.update(`${label}\0`).update(content).update('\0');
  part('settings', JSON.stringify(SETTINGS));
  part('script', fs.readFileSync(SCRIPT));
  part('lock', fs.readFileSync(path.join(CONTRACTS_DIR, 'package-lock.json')));
  for (const name of sourceNames) part(name, fs.readFileSync(path.join(CONTRACTS_DIR, name)));
  return hash.digest('hex');
}

function upToDate(wanted) {
  try {
    const stamp = JSON.parse(fs.readFileSync(FINGERPRINT, 'utf8'));
    return stamp.fingerprint === wanted
      && Array.isArray(stamp.outputs)
      && stamp.outputs.every((file) => fs.existsSync(path.join(OUTPUT_DIR, file)));
  } catch {
    return false;
  }
}

/** Resolves imports (after remapping) against contracts/, refusing paths that leave it. */
function importFile(unitName) {
  const full = path.resolve(CONTRACTS_DIR, unitName);
  if (!full.startsWith(CONTRACTS_DIR + path.sep)) {
    return { error: `import ${unitName} resolves outside contracts/` };
  }
  try {
    return { contents: fs.readFileSync(full, 'utf8') };
  } catch {
    return { error: `import ${unitName} not found (looked at ${full})` };
  }
}

function compile(solc, sourceNames) {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(sourceNames.map((name) => [
      name, { content: fs.readFileSync(path.join(CONTRACTS_DIR, name), 'utf8') },
    ])),
    settings: SETTINGS,
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: importFile }));
  const diagnostics = output.errors ?? [];
  for (const warning of diagnostics.filter((d) => d.severity !== 'error')) {
    console.warn(warning.formattedMessage ?? warning.message);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const error of errors) console.error(error.formattedMessage ?? error.message);
    fail(`solc ${solc.version()} reported ${errors.length} error(s); no contract was written.`);
  }
  return output;
}

/** The deployable contracts of our own sources (not of imported libraries), by contract name. */
function deployableContracts(output, sourceNames) {
  const byName = new Map();
  for (const sourceName of sourceNames) {
    for (const [name, contract] of Object.entries(output.contracts?.[sourceName] ?? {})) {
      const bytecode = contract.evm?.bytecode?.object ?? '';
      if (bytecode.length === 0) {
        console.log(`naap contracts: ${name} (${sourceName}) has no bytecode (interface or abstract): no .bin/.abi written`);
        continue;
      }
      if (Object.keys(contract.evm.bytecode.linkReferences ?? {}).length > 0) {
        fail(`${name} (${sourceName}) needs library linking, which the bindings cannot deploy: make the library functions internal.`);
      }
      if (byName.has(name)) {
        fail(`contract name ${name} is declared in both ${byName.get(name).source} and ${sourceName}; names must be unique.`);
      }
      byName.set(name, { source: sourceName, abi: contract.abi, bin: bytecode });
    }
  }
  return byName;
}

function writeOutputs(contracts, compilerVersion, wanted) {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.rmSync(FINGERPRINT, { force: true });
  for (const stale of fs.readdirSync(OUTPUT_DIR)) {
    if (stale.endsWith('.abi') || stale.endsWith('.bin') || stale === COMBINED) {
      fs.rmSync(path.join(OUTPUT_DIR, stale));
    }
  }
  const outputs = [];
  const combined = { compiler: { version: compilerVersion, settings: SETTINGS }, contracts: {} };
  for (const name of [...contracts.keys()].sort()) {
    const contract = contracts.get(name);
    fs.writeFileSync(path.join(OUTPUT_DIR, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(OUTPUT_DIR, `${name}.bin`), contract.bin);
    outputs.push(`${name}.abi`, `${name}.bin`);
    combined.contracts[name] = contract;
  }
  fs.writeFileSync(path.join(OUTPUT_DIR, COMBINED), `${JSON.stringify(combined, null, 2)}\n`);
  outputs.push(COMBINED);
  fs.writeFileSync(FINGERPRINT, `${JSON.stringify({ fingerprint: wanted, outputs }, null, 2)}\n`);
}

requireNode();
const sourceNames = soliditySources(SOURCE_DIR);
if (sourceNames.length === 0) {
  fail(`no .sol file under ${SOURCE_DIR}.`);
}
const wanted = fingerprint(sourceNames);
if (upToDate(wanted)) {
  console.log(`naap contracts: ${sourceNames.length} source(s) unchanged, target/contracts up to date`);
} else {
  const started = Date.now();
  const solc = loadSolc();
  const compilerVersion = solc.version();
  const contracts = deployableContracts(compile(solc, sourceNames), sourceNames);
  if (contracts.size === 0) {
    fail('the sources declare no deployable contract.');
  }
  writeOutputs(contracts, compilerVersion, wanted);
  console.log(`naap contracts: compiled ${sourceNames.length} source(s) with solc ${compilerVersion} in ${Date.now() - started} ms: ${[...contracts.keys()].sort().join(', ')}`);
}
