/**
 * What naap's oracle signs and what anyone checks: score leaves and their Merkle tree in
 * OpenZeppelin's {@code StandardMerkleTree} encoding ({@link io.naap.attestations.ScoreLeaf},
 * {@link io.naap.attestations.MerkleTree}), the EIP-712 {@code ScoreSnapshot} attestation ({@link
 * io.naap.attestations.ScoreSnapshot}, {@link io.naap.attestations.Eip712Domain}), secp256k1
 * signatures over it ({@link io.naap.attestations.Signature}, {@link
 * io.naap.attestations.SnapshotSigner}) and their verification against a k-of-n signer set ({@link
 * io.naap.attestations.SignerSet}). Pure: no IO, no clock, no randomness that is not passed in.
 */
package io.naap.attestations;
