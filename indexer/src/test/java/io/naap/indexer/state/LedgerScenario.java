package io.naap.indexer.state;

import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolEventRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A BondingManager history written the way the protocol emits it, with its outcome computed by hand
 * in the comments: bond, reward, claim, move delegate, unbond, rebond, unbond everything, transfer
 * a bond, withdraw, slash.
 */
final class LedgerScenario {
  static final EthereumAddress O1 = address("0x00000000000000000000000000000000000000a1");
  static final EthereumAddress O2 = address("0x00000000000000000000000000000000000000a2");
  static final EthereumAddress D1 = address("0x00000000000000000000000000000000000000d1");
  static final EthereumAddress D2 = address("0x00000000000000000000000000000000000000d2");
  static final EthereumAddress FINDER = address("0x00000000000000000000000000000000000000f1");
  static final EthereumAddress NONE = address("0x0000000000000000000000000000000000000000");

  private LedgerScenario() {}

  /** The events, by block and log index. */
  static List<ProtocolEventRow> events() {
    List<ProtocolEventRow> rows = new ArrayList<>();
    // block 10: O1 bonds 1000 to itself: stake O1 1000
    rows.add(bond(10, 0, O1, NONE, O1, 1000, 1000));
    // block 11: D1 bonds 500 to O1: O1 1500
    rows.add(bond(11, 0, O1, NONE, D1, 500, 500));
    // block 12: O2 bonds 2000 to itself: O2 2000
    rows.add(bond(12, 0, O2, NONE, O2, 2000, 2000));
    // block 13: O1's reward of 100 joins its stake: O1 1600
    rows.add(row(13, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"100\"}", O1));
    // block 14: D1 claims 30 of rewards (and 7 of fees): D1 bonded 530, O1 still 1600
    rows.add(
        row(
            14,
            0,
            "EarningsClaimed",
            "{\"delegate\":\"%s\",\"delegator\":\"%s\",\"rewards\":\"30\",\"fees\":\"7\","
                + "\"startRound\":\"1\",\"endRound\":\"2\"}",
            O1,
            D1));
    // block 15: D1 moves to O2 adding 70, 600 in all: O1 1600 - 530 = 1070, O2 2000 + 600 = 2600
    rows.add(bond(15, 0, O2, O1, D1, 70, 600));
    // block 16: D1 unbonds 200 into lock 0: O2 2400, D1 400
    rows.add(unbond(16, 0, O2, D1, 0, 200, 9));
    // block 17: D1 rebonds lock 0: O2 2600, D1 600, lock 0 closed by Rebond
    rows.add(rebond(17, 0, O2, D1, 0, 200));
    // block 18: D1 unbonds everything into lock 1: O2 2000, D1 0 and bonded to no one
    rows.add(unbond(18, 0, O2, D1, 1, 600, 10));
    // block 19: O1 transfers 100 of its bond to D2: its Unbond (O1 970, O1 bonded 900, lock 0),
    // the TransferBond (O1's lock 0 closed, D2's lock 0 opened), D2's Rebond (O1 1070, D2 100)
    rows.add(unbond(19, 0, O1, O1, 0, 100, 11));
    rows.add(
        row(
            19,
            1,
            "TransferBond",
            "{\"oldDelegator\":\"%s\",\"newDelegator\":\"%s\",\"oldUnbondingLockId\":\"0\","
                + "\"newUnbondingLockId\":\"0\",\"amount\":\"100\"}",
            O1,
            D2));
    rows.add(rebond(19, 2, O1, D2, 0, 100));
    // block 20: D1 withdraws lock 1
    rows.add(
        row(
            20,
            0,
            "WithdrawStake",
            "{\"delegator\":\"%s\",\"unbondingLockId\":\"1\",\"amount\":\"600\","
                + "\"withdrawRound\":\"10\"}",
            D1));
    // block 21: O2 is slashed 500: O2 1500, O2 bonded 1500
    rows.add(
        row(
            21,
            0,
            "TranscoderSlashed",
            "{\"transcoder\":\"%s\",\"finder\":\"%s\",\"penalty\":\"500\",\"finderReward\":\"50\"}",
            O2,
            FINDER));
    return rows;
  }

  static ProtocolEventRow bond(
      long block,
      int log,
      EthereumAddress newDelegate,
      EthereumAddress oldDelegate,
      EthereumAddress delegator,
      long additional,
      long bonded) {
    return row(
        block,
        log,
        "Bond",
        "{\"newDelegate\":\"%s\",\"oldDelegate\":\"%s\",\"delegator\":\"%s\","
            + "\"additionalAmount\":\""
            + additional
            + "\",\"bondedAmount\":\""
            + bonded
            + "\"}",
        newDelegate,
        oldDelegate,
        delegator);
  }

  static ProtocolEventRow unbond(
      long block,
      int log,
      EthereumAddress delegate,
      EthereumAddress delegator,
      long lock,
      long amount,
      long withdrawRound) {
    return row(
        block,
        log,
        "Unbond",
        "{\"delegate\":\"%s\",\"delegator\":\"%s\",\"unbondingLockId\":\""
            + lock
            + "\",\"amount\":\""
            + amount
            + "\",\"withdrawRound\":\""
            + withdrawRound
            + "\"}",
        delegate,
        delegator);
  }

  static ProtocolEventRow rebond(
      long block,
      int log,
      EthereumAddress delegate,
      EthereumAddress delegator,
      long lock,
      long amount) {
    return row(
        block,
        log,
        "Rebond",
        "{\"delegate\":\"%s\",\"delegator\":\"%s\",\"unbondingLockId\":\""
            + lock
            + "\",\"amount\":\""
            + amount
            + "\"}",
        delegate,
        delegator);
  }

  static ProtocolEventRow row(
      long block, int log, String event, String fields, EthereumAddress... addresses) {
    Object[] hex = new Object[addresses.length];
    for (int i = 0; i < addresses.length; i++) {
      hex[i] = addresses[i].toHex();
    }
    byte[] hash = new byte[32];
    hash[31] = (byte) block;
    return new ProtocolEventRow(
        block,
        log,
        hash,
        hash,
        ProtocolLedger.BONDING_MANAGER,
        address("0x35bcf3c30594191d53231e4ff333e8a770453e40"),
        event,
        fields.formatted(hex));
  }

  static EthereumAddress address(String hex) {
    return EthereumAddress.fromHex(hex);
  }

  static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }
}
