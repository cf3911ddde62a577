package io.naap.telemetry.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A prompt dataset of the repository: {@code prompts-good.json} (fixed prompts, consistent output
 * per GPU spec) or {@code prompts-random.json} (average, edge and bad prompts).
 *
 * @param name the dataset's name ({@code good}, {@code random})
 * @param prompts its prompts in file order
 */
public record PromptDataset(String name, List<Prompt> prompts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public PromptDataset {
    Objects.requireNonNull(name, "name");
    prompts = List.copyOf(prompts);
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("dataset " + name + " has no prompts");
    }
    Set<String> ids = new HashSet<>();
    for (Prompt prompt : prompts) {
      if (!ids.add(prompt.id())) {
        throw new IllegalArgumentException("dataset " + name + " repeats prompt " + prompt.id());
      }
    }
    if (prompts.stream().allMatch(prompt -> prompt.kind() == PromptKind.BAD)) {
      throw new IllegalArgumentException(
          "dataset " + name + " has no prompt a stream can start on");
    }
  }

  /** The bundled "good" dataset. */
  public static PromptDataset good() {
    return bundled("prompts-good.json");
  }

  /** The bundled "random" dataset. */
  public static PromptDataset random() {
    return bundled("prompts-random.json");
  }

  /** The prompts a stream may start with: every prompt but the bad ones. */
  public List<Prompt> startable() {
    return prompts.stream().filter(prompt -> prompt.kind() != PromptKind.BAD).toList();
  }

  /**
   * Parses a dataset file: {@code {"dataset": name, "prompts": [{"id", "kind", "fps_factor",
   * "params": {...}, "error"?}]}}.
   *
   * @throws IllegalArgumentException when the text is not such a file
   */
  public static PromptDataset parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a prompt dataset is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.path("dataset").isTextual() || !root.path("prompts").isArray()) {
      throw new IllegalArgumentException("a prompt dataset needs 'dataset' and 'prompts'");
    }
    List<Prompt> prompts = new ArrayList<>();
    for (JsonNode node : root.path("prompts")) {
      String id = node.path("id").asText("");
      if (id.isEmpty() || !node.path("params").isObject() || !node.path("fps_factor").isNumber()) {
        throw new IllegalArgumentException(
            "prompt " + (id.isEmpty() ? "without an id" : id) + " needs params and fps_factor");
      }
      prompts.add(
          new Prompt(
              id,
              PromptKind.fromCode(node.path("kind").asText("")),
              node.path("params").toString(),
              node.path("fps_factor").asDouble(),
              node.path("error").isTextual()
                  ? Optional.of(node.path("error").asText())
                  : Optional.empty()));
    }
    return new PromptDataset(root.path("dataset").asText(), prompts);
  }

  private static PromptDataset bundled(String resource) {
    try (InputStream in = PromptDataset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + resource, e);
    }
  }
}
