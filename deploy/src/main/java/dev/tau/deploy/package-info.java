/**
 * The deployment runtime (tau-spec §4): the deployment contract runner and its state, WASM
 * deliverables (packaging, compliance inspection, sandboxed smoke runs) and the browser DID
 * bootstrap. See docs/deployment.md.
 */
package dev.tau.deploy;
