package io.naap.bindings;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * The events of docs/PROTOCOL.md, copied verbatim from it, by the Solidity contract that declares
 * them (both ServiceRegistry deployments use the ServiceRegistry contract). The Livepeer contracts
 * on Arbitrum One emit exactly these, so the doubles must declare exactly these: same names, same
 * parameter types, indexed flags, order and names.
 */
final class ProtocolEventCatalogue {
  /** "Contract: declaration" lines, each declaration exactly as PROTOCOL.md writes it. */
  private static final String PROTOCOL_EVENTS =
      """
      BondingManager: TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare)
      BondingManager: TranscoderActivated(address indexed transcoder, uint256 activationRound)
      BondingManager: TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound)
      BondingManager: TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward)
      BondingManager: Reward(address indexed transcoder, uint256 amount)
      BondingManager: TreasuryReward(address indexed transcoder, address treasury, uint256 amount)
      BondingManager: Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator, uint256 additionalAmount, uint256 bondedAmount)
      BondingManager: Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)
      BondingManager: Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount)
      BondingManager: TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId, uint256 newUnbondingLockId, uint256 amount)
      BondingManager: WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)
      BondingManager: WithdrawFees(address indexed delegator, address recipient, uint256 amount)
      BondingManager: EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees, uint256 startRound, uint256 endRound)
      BondingManager: ParameterUpdate(string param)
      TicketBroker: DepositFunded(address indexed sender, uint256 amount)
      TicketBroker: WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)
      TicketBroker: WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)
      TicketBroker: Unlock(address indexed sender, uint256 startRound, uint256 endRound)
      TicketBroker: UnlockCancelled(address indexed sender)
      TicketBroker: Withdrawal(address indexed sender, uint256 deposit, uint256 reserve)
      TicketBroker: ReserveFunded(address indexed reserveHolder, uint256 amount)
      TicketBroker: ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)
      TicketBroker: ParameterUpdate(string param)
      RoundsManager: NewRound(uint256 indexed round, bytes32 blockHash)
      RoundsManager: ParameterUpdate(string param)
      Minter: SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation)
      Minter: ParameterUpdate(string param)
      ServiceRegistry: ServiceURIUpdate(address indexed addr, string serviceURI)
      Controller: SetContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash)
      Controller: Pause()
      Controller: Unpause()
      """;

  private static final List<EventDeclaration> ALL =
      PROTOCOL_EVENTS
          .lines()
          .map(
              line -> {
                int colon = line.indexOf(':');
                return EventDeclaration.parse(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip());
              })
          .toList();

  private ProtocolEventCatalogue() {}

  /** One event parameter as PROTOCOL.md declares it. */
  record Parameter(String type, boolean indexed, String name) {}

  /** One event of one contract as PROTOCOL.md declares it. */
  record EventDeclaration(String contract, String name, List<Parameter> parameters) {
    private static final Pattern DECLARATION = Pattern.compile("(\\w+)\\((.*)\\)");

    static EventDeclaration parse(String contract, String declaration) {
      Matcher matcher = DECLARATION.matcher(declaration);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not an event declaration: " + declaration);
      }
      String parameterList = matcher.group(2).strip();
      List<Parameter> parameters =
          parameterList.isEmpty()
              ? List.of()
              : Arrays.stream(parameterList.split(","))
                  .map(String::strip)
                  .map(EventDeclaration::parameter)
                  .toList();
      return new EventDeclaration(contract, matcher.group(1), parameters);
    }

    private static Parameter parameter(String text) {
      String[] words = text.split("\\s+");
      if (words.length == 2) {
        return new Parameter(words[0], false, words[1]);
      }
      if (words.length == 3 && words[1].equals("indexed")) {
        return new Parameter(words[0], true, words[2]);
      }
      throw new IllegalArgumentException("not an event parameter: " + text);
    }

    /** The canonical signature, e.g. {@code Reward(address,uint256)}. */
    String signature() {
      return name
          + parameters.stream().map(Parameter::type).collect(Collectors.joining(",", "(", ")"));
    }

    /** keccak256 of the signature: topic 0 of every log of this event. */
    String topic() {
      return Hash.sha3String(signature());
    }

    @Override
    public String toString() {
      return contract + "." + signature();
    }
  }

  /** Every declared event, contract by contract, in PROTOCOL.md order. */
  static List<EventDeclaration> all() {
    return ALL;
  }

  /** The Solidity contracts that declare protocol events, in PROTOCOL.md order. */
  static List<String> contracts() {
    return ALL.stream().map(EventDeclaration::contract).distinct().toList();
  }

  static List<EventDeclaration> of(String contract) {
    return all().stream().filter(event -> event.contract().equals(contract)).toList();
  }

  static EventDeclaration event(String contract, String name) {
    return of(contract).stream()
        .filter(event -> event.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(contract + " declares no event " + name));
  }
}
