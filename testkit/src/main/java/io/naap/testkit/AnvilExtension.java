package io.naap.testkit;

import io.naap.embedded.AnvilNode;
import io.naap.embedded.AnvilSettings;
import io.naap.embedded.NaapHome;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a real anvil node (the binary the contracts module installed) once per test class, on a
 * free loopback port with chain id 31337 and anvil's deterministic dev accounts, and stops it after
 * the class, whether its tests passed or not. Test and lifecycle methods receive it as an {@link
 * AnvilNode} parameter. A node that cannot start fails the tests with the reason; nothing is
 * skipped.
 */
public final class AnvilExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AnvilExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    node(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AnvilNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return node(context);
  }

  private static AnvilNode node(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "anvil",
            key -> AnvilNode.start(AnvilSettings.ephemeral(AnvilNode.binaryIn(NaapHome.locate()))),
            AnvilNode.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }
}
