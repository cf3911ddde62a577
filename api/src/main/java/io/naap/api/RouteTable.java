package io.naap.api;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.naap.storage.auth.KeyScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operations the API serves, the API key scope each one requires, and the answer to "is this
 * request one of them?".
 */
final class RouteTable {
  private final Set<Operation> operations;
  private final Map<Operation, KeyScope> scopes;
  private final List<Template> templates;

  private RouteTable(
      Set<Operation> operations, Map<Operation, KeyScope> scopes, List<Template> templates) {
    this.operations = operations;
    this.scopes = scopes;
    this.templates = templates;
  }

  /** Operations open to everyone. */
  static RouteTable of(Collection<Operation> operations) {
    return of(operations, Map.of());
  }

  /**
   * Fails on a repeated operation, so two services cannot claim the same method and path.
   *
   * @param scopes the scope each operation that requires a key requires; every one must be in
   *     {@code operations}
   */
  static RouteTable of(Collection<Operation> operations, Map<Operation, KeyScope> scopes) {
    Map<String, Set<Method>> methodsByPath = new LinkedHashMap<>();
    for (Operation operation : operations) {
      if (!methodsByPath
          .computeIfAbsent(operation.path(), path -> new LinkedHashSet<>())
          .add(operation.method())) {
        throw new IllegalArgumentException("operation " + operation + " is declared twice");
      }
    }
    Set<Operation> known = Set.copyOf(operations);
    for (Operation scoped : scopes.keySet()) {
      if (!known.contains(scoped)) {
        throw new IllegalArgumentException(
            "operation " + scoped + " has a scope but is not served");
      }
    }
    List<Template> templates = new ArrayList<>();
    methodsByPath.forEach(
        (path, methods) ->
            templates.add(new Template(path, PathMatchers.create(path), Set.copyOf(methods))));
    return new RouteTable(known, Map.copyOf(scopes), List.copyOf(templates));
  }

  Set<Operation> operations() {
    return operations;
  }

  /** The operations that require an API key, with the scope each requires. */
  Map<Operation, KeyScope> scopes() {
    return scopes;
  }

  Match match(Method method, UriPath path) {
    Set<Method> allowed = new LinkedHashSet<>();
    String closest = null;
    for (Template template : templates) {
      if (template.matcher().match(path).accepted()) {
        if (template.methods().contains(method)) {
          return new Match.Routed(
              template.path(),
              Optional.ofNullable(scopes.get(new Operation(method, template.path()))));
        }
        closest = closest == null ? template.path() : closest;
        allowed.addAll(template.methods());
      }
    }
    return closest == null
        ? new Match.UnknownPath()
        : new Match.WrongMethod(closest, sorted(allowed));
  }

  private static List<Method> sorted(Set<Method> methods) {
    return methods.stream()
        .sorted((a, b) -> a.text().compareTo(b.text()))
        .collect(Collectors.toUnmodifiableList());
  }

  private record Template(String path, PathMatcher matcher, Set<Method> methods) {}

  /** How a request relates to the served operations; {@code path} is the matching path template. */
  sealed interface Match {
    /**
     * @param scope the API key scope the operation requires; empty when it is open to everyone
     */
    record Routed(String path, Optional<KeyScope> scope) implements Match {
      Routed(String path) {
        this(path, Optional.empty());
      }
    }

    record UnknownPath() implements Match {}

    record WrongMethod(String path, List<Method> allowed) implements Match {}
  }
}
