package io.naap.attestations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

/** k-of-n verification of snapshot signatures, and each way a signature set must fail. */
class SignerSetTest {
  private static final EvmAddress CONTRACT =
      EvmAddress.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Eip712Domain DOMAIN = Eip712Domain.slaOracle(31337, CONTRACT);
  private static final SnapshotSigner A = signer(0x11);
  private static final SnapshotSigner B = signer(0x22);
  private static final SnapshotSigner C = signer(0x33);
  private static final SnapshotSigner ROTATED_OUT = signer(0x44);
  private static final SignerSet SET =
      new SignerSet(List.of(A.address(), B.address(), C.address()), 2);
  private static final ScoreSnapshot SNAPSHOT =
      new ScoreSnapshot(
          42, Bytes32.keccak(new byte[] {1}), 10_000, Bytes32.keccak(new byte[] {2}), 1);
  private static final Bytes32 DIGEST = SNAPSHOT.digest(DOMAIN);

  @Test
  void twoOfThreeSignersAreEnoughAndOneIsNot() {
    SignerSet.Verdict two = SET.verify(DIGEST, List.of(C.sign(DIGEST), A.sign(DIGEST)));
    assertThat(two.valid()).isTrue();
    assertThat(two.signers()).containsExactly(C.address(), A.address());
    assertThat(two.problems()).isEmpty();

    SignerSet.Verdict one = SET.verify(DIGEST, List.of(B.sign(DIGEST)));
    assertThat(one.valid()).isFalse();
    assertThat(one.problems()).containsExactly("1 signer(s) of the set signed, 2 must");
  }

  @Test
  void aSubmissionHoldsOneSignaturePerSignerOfTheSetAscendingUpToTheThreshold() {
    Signature a = A.sign(DIGEST);
    Signature b = B.sign(DIGEST);
    Signature c = C.sign(DIGEST);
    List<Signature> chosen = SET.submission(DIGEST, List.of(c, ROTATED_OUT.sign(DIGEST), a, a, b));
    assertThat(chosen).hasSize(2);
    List<byte[]> signers =
        chosen.stream().map(signature -> signature.signer(DIGEST).orElseThrow().bytes()).toList();
    assertThat(java.util.Arrays.compareUnsigned(signers.get(0), signers.get(1))).isNegative();
    assertThat(SET.verify(DIGEST, chosen).valid()).isTrue();
    // the two lowest addresses of the three signers
    List<EvmAddress> lowest =
        List.of(A.address(), B.address(), C.address()).stream()
            .sorted(
                java.util.Comparator.comparing(
                    EvmAddress::bytes, java.util.Arrays::compareUnsigned))
            .limit(2)
            .toList();
    assertThat(SET.verify(DIGEST, chosen).signers()).containsExactlyElementsOf(lowest);
    // not enough signers: what there is, still one each
    assertThat(SET.submission(DIGEST, List.of(b, b))).containsExactly(b);
    // a signature over another digest recovers someone else: dropped
    assertThat(SET.submission(DIGEST, List.of(A.sign(Bytes32.keccak(new byte[] {9}))))).isEmpty();
  }

  @Test
  void payoutRootsAreSignedAndCheckedLikeSnapshots() {
    Eip712Domain distributor = Eip712Domain.slaFeeDistributor(31337, CONTRACT);
    PayoutRoot root =
        new PayoutRoot(
            7,
            Bytes32.keccak(new byte[] {3}),
            BigInteger.TEN.pow(24),
            Bytes32.keccak(new byte[] {4}),
            1);
    Bytes32 digest = root.digest(distributor);
    assertThat(digest).isNotEqualTo(root.digest(DOMAIN));
    assertThat(
            SET.verify(digest, List.of(A.sign(root, distributor), C.sign(root, distributor)))
                .valid())
        .isTrue();
    assertThatThrownBy(
            () -> new PayoutRoot(1, Bytes32.ZERO, BigInteger.ONE.shiftLeft(256), Bytes32.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PayoutLeaf(A.address(), BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDuplicatedSignerCountsOnceAndFailsTheSet() {
    Signature a = A.sign(DIGEST);
    SignerSet.Verdict verdict = SET.verify(DIGEST, List.of(a, a, B.sign(DIGEST)));
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.signers()).containsExactly(A.address(), B.address());
    assertThat(verdict.problems()).containsExactly("signature 1 is by " + A.address() + " again");
  }

  @Test
  void aRotatedOutSignerIsRefused() {
    SignerSet.Verdict verdict =
        SET.verify(DIGEST, List.of(ROTATED_OUT.sign(DIGEST), A.sign(DIGEST), B.sign(DIGEST)));
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.problems())
        .containsExactly(
            "signature 0 is by " + ROTATED_OUT.address() + ", not a signer of the set");
  }

  @Test
  void signaturesForAnotherChainOrContractOrConfigVersionAreNotTheSetsSignatures() {
    for (Bytes32 other :
        List.of(
            SNAPSHOT.digest(Eip712Domain.slaOracle(42161, CONTRACT)),
            SNAPSHOT.digest(Eip712Domain.slaOracle(31337, EvmAddress.of(new byte[20]))),
            new ScoreSnapshot(42, SNAPSHOT.scoresRoot(), 10_000, SNAPSHOT.dataHash(), 2)
                .digest(DOMAIN))) {
      assertThat(other).isNotEqualTo(DIGEST);
      SignerSet.Verdict verdict = SET.verify(DIGEST, List.of(A.sign(other), B.sign(other)));
      assertThat(verdict.valid()).isFalse();
      assertThat(verdict.signers()).isEmpty();
      assertThat(verdict.problems()).hasSize(3);
    }
  }

  @Test
  void anyChangedByteOfASignatureChangesItsSignerOrIsRefused() {
    byte[] bytes = A.sign(DIGEST).bytes();
    for (int i = 0; i < 65; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] changed = bytes.clone();
        changed[i] ^= (byte) (1 << bit);
        try {
          Signature parsed = Signature.fromBytes(changed);
          assertThat(parsed.signer(DIGEST)).isNotEqualTo(java.util.Optional.of(A.address()));
          assertThat(SET.verify(DIGEST, List.of(parsed, B.sign(DIGEST))).valid()).isFalse();
        } catch (IllegalArgumentException refused) {
          // out of range r or s, high s, or v other than 27 and 28
        }
      }
    }
  }

  @Test
  void theMalleableTwinAndBadFormsAreRefused() {
    Signature a = A.sign(DIGEST);
    BigInteger n = Sign.CURVE_PARAMS.getN();
    assertThatThrownBy(() -> Signature.of(a.r(), n.subtract(a.s()), a.v() == 27 ? 28 : 27))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upper half");
    assertThatThrownBy(() -> Signature.of(a.r(), a.s(), a.v() - 27))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v must be 27 or 28");
    assertThatThrownBy(() -> Signature.fromBytes(new byte[64]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 bytes");
    assertThatThrownBy(() -> Signature.fromHex("0x12"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSignerSetListsEachSignerOnceWithAReachableThreshold() {
    assertThatThrownBy(() -> new SignerSet(List.of(A.address(), A.address()), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerSet(List.of(A.address()), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerSet(List.of(A.address()), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressesParseInAnyCaseButACheckedOneMustBeRight() {
    String checked = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    assertThat(EvmAddress.fromHex(checked.toLowerCase()).checksummed()).isEqualTo(checked);
    assertThat(EvmAddress.fromHex("0x" + checked.substring(2).toUpperCase())).isEqualTo(CONTRACT);
    assertThatThrownBy(() -> EvmAddress.fromHex("0x5fbDB2315678afecb367f032d93F642f64180aa3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  private static SnapshotSigner signer(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return SnapshotSigner.of(new BigInteger(1, key));
  }
}
