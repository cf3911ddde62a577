package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PromptDatasetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theGoodDatasetHoldsFixedPromptsThatCostNothing() throws IOException {
    PromptDataset good = PromptDataset.good();
    assertThat(good.name()).isEqualTo("good");
    assertThat(good.prompts()).hasSizeBetween(20, 60);
    assertThat(good.prompts())
        .allSatisfy(prompt -> assertThat(prompt.kind()).isEqualTo(PromptKind.GOOD))
        .allSatisfy(prompt -> assertThat(prompt.fpsFactor()).isEqualTo(1.0));
    for (Prompt prompt : good.prompts()) {
      var params = JSON.readTree(prompt.params());
      assertThat(params.path("prompt").asText()).isNotBlank();
      assertThat(params.path("seed").asInt()).as("a fixed seed").isEqualTo(42);
      assertThat(params.path("width").asInt()).isEqualTo(512);
      assertThat(params.path("height").asInt()).isEqualTo(512);
    }
    assertThat(good.startable()).isEqualTo(good.prompts());
  }

  @Test
  void theRandomDatasetHoldsAverageEdgeAndBadPrompts() {
    PromptDataset random = PromptDataset.random();
    assertThat(random.name()).isEqualTo("random");
    assertThat(random.prompts()).hasSizeBetween(20, 60);
    assertThat(random.prompts().stream().map(Prompt::kind).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.of(PromptKind.AVERAGE, PromptKind.EDGE, PromptKind.BAD));
    assertThat(random.prompts())
        .filteredOn(prompt -> prompt.kind() == PromptKind.EDGE)
        .allSatisfy(prompt -> assertThat(prompt.fpsFactor()).isBetween(0.5, 0.9));
    assertThat(random.prompts())
        .filteredOn(prompt -> prompt.kind() == PromptKind.AVERAGE)
        .allSatisfy(prompt -> assertThat(prompt.fpsFactor()).isBetween(0.9, 1.05));
    assertThat(random.prompts())
        .filteredOn(prompt -> prompt.kind() == PromptKind.BAD)
        .isNotEmpty()
        .allSatisfy(prompt -> assertThat(prompt.error()).isPresent());
    assertThat(random.startable()).noneMatch(prompt -> prompt.kind() == PromptKind.BAD);
  }

  @Test
  void refusesDatasetsThatAreNotWellFormed() {
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("needs 'dataset' and 'prompts'");
    assertThatThrownBy(() -> parse("{\"dataset\": \"x\", \"prompts\": []}"))
        .hasMessageContaining("has no prompts");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"dataset\": \"x\", \"prompts\": [{\"id\": \"a\", \"kind\": \"bad\","
                        + " \"fps_factor\": 1, \"params\": {}}]}"))
        .hasMessageContaining("a bad prompt, and only a bad one, has an error");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"dataset\": \"x\", \"prompts\": [{\"id\": \"a\", \"kind\": \"good\","
                        + " \"fps_factor\": 0.5, \"params\": {}}]}"))
        .hasMessageContaining("a good prompt costs nothing");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"dataset\": \"x\", \"prompts\": [{\"id\": \"a\", \"kind\": \"odd\","
                        + " \"fps_factor\": 1, \"params\": {}}]}"))
        .hasMessageContaining("unknown prompt kind: odd");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"dataset\": \"x\", \"prompts\": [{\"id\": \"a\", \"kind\": \"bad\","
                        + " \"fps_factor\": 1, \"params\": {}, \"error\": \"e\"}]}"))
        .hasMessageContaining("no prompt a stream can start on");
    assertThatThrownBy(() -> parse("{")).hasMessageContaining("not JSON");
  }

  private static PromptDataset parse(String text) {
    return PromptDataset.parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
