package io.naap.buildtools.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsGeneratorTest {
  private static final String PACKAGE = "io.naap.example.generated";

  private static final String GREETER_ABI =
      """
      [{"type":"event","name":"Greeted","anonymous":false,"inputs":[\
      {"name":"who","type":"address","indexed":true,"internalType":"address"},\
      {"name":"text","type":"string","indexed":false,"internalType":"string"}]},\
      {"type":"function","name":"greet","stateMutability":"nonpayable",\
      "inputs":[{"name":"text","type":"string","internalType":"string"}],"outputs":[]}]\
      """;
  private static final String COUNTER_ABI =
      """
      [{"type":"function","name":"count","stateMutability":"view","inputs":[],\
      "outputs":[{"name":"","type":"uint256","internalType":"uint256"}]}]\
      """;
  private static final String SOME_BYTECODE = "6080604052348015600e575f5ffd5b50";

  @TempDir Path contracts;
  @TempDir Path output;

  @Test
  void writesOneWrapperPerAbiAndBinPairInTheGivenPackage() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    writeContract("Counter", COUNTER_ABI);

    GenerationOutcome outcome = generator().generate();

    Path packageDirectory = output.resolve("io/naap/example/generated");
    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(outcome.wrappers())
        .containsExactly(
            packageDirectory.resolve("Counter.java"), packageDirectory.resolve("Greeter.java"));
    String greeter = Files.readString(packageDirectory.resolve("Greeter.java"));
    assertThat(greeter)
        .contains("package " + PACKAGE + ";")
        .contains("public class Greeter extends Contract")
        .contains("GREETED_EVENT")
        .contains("public static final String BINARY = \"" + SOME_BYTECODE + "\"")
        .contains("public RemoteFunctionCall<TransactionReceipt> greet(String text)");
  }

  @Test
  void leavesUnchangedWrappersUntouched() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    Path wrapper = generator().generate().wrappers().getFirst();
    FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(wrapper, past);

    GenerationOutcome again = generator().generate();

    assertThat(again).isInstanceOf(GenerationOutcome.UpToDate.class);
    assertThat(again.wrappers()).containsExactly(wrapper);
    assertThat(Files.getLastModifiedTime(wrapper)).isEqualTo(past);
  }

  @Test
  void regeneratesWhenAnAbiChanges() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    generator().generate();
    writeContract("Greeter", COUNTER_ABI);

    GenerationOutcome outcome = generator().generate();

    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(Files.readString(outcome.wrappers().getFirst()))
        .contains("count()")
        .doesNotContain("GREETED_EVENT");
  }

  @Test
  void deletesTheWrapperOfAContractThatNoLongerExists() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    writeContract("Counter", COUNTER_ABI);
    generator().generate();
    Files.delete(contracts.resolve("Counter.abi"));
    Files.delete(contracts.resolve("Counter.bin"));

    GenerationOutcome outcome = generator().generate();

    Path packageDirectory = output.resolve("io/naap/example/generated");
    assertThat(outcome.wrappers()).containsExactly(packageDirectory.resolve("Greeter.java"));
    assertThat(packageDirectory.resolve("Counter.java")).doesNotExist();
  }

  @Test
  void failsOnAMissingContractsDirectory() {
    BindingsGenerator generator =
        new BindingsGenerator(contracts.resolve("absent"), output, PACKAGE);

    assertThatThrownBy(generator::generate)
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("build naap-contracts first");
  }

  @Test
  void failsOnAContractsDirectoryWithoutAnyPair() throws IOException {
    Files.writeString(contracts.resolve("README.txt"), "not a contract");

    assertThatThrownBy(generator()::generate)
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("no <Name>.abi + <Name>.bin pair");
  }

  @Test
  void failsOnAnAbiWithoutItsBin() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    Files.writeString(contracts.resolve("Orphan.abi"), COUNTER_ABI);

    assertThatThrownBy(generator()::generate)
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("Orphan.abi")
        .hasMessageContaining("has no Orphan.bin");
  }

  @Test
  void failsOnABinWithoutItsAbi() throws IOException {
    writeContract("Greeter", GREETER_ABI);
    Files.writeString(contracts.resolve("Orphan.bin"), SOME_BYTECODE);

    assertThatThrownBy(generator()::generate)
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("has no Orphan.abi");
  }

  @Test
  void failsOnAnAbiThatIsNotJson() throws IOException {
    writeContract("Greeter", "this is not an ABI");

    assertThatThrownBy(generator()::generate)
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("Greeter");
  }

  @Test
  void rejectsAnInvalidPackageName() {
    assertThatThrownBy(() -> new BindingsGenerator(contracts, output, "io.naap.1bad"))
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageContaining("not a Java package name");
  }

  @Test
  void mainRequiresThreeArguments() {
    assertThatThrownBy(() -> BindingsGenerator.main(new String[] {contracts.toString()}))
        .isInstanceOf(BindingsGenerationException.class)
        .hasMessageStartingWith("usage:");
  }

  private BindingsGenerator generator() {
    return new BindingsGenerator(contracts, output, PACKAGE);
  }

  private void writeContract(String name, String abi) throws IOException {
    Files.writeString(contracts.resolve(name + ".abi"), abi);
    Files.writeString(contracts.resolve(name + ".bin"), SOME_BYTECODE);
  }
}
