package io.naap.api;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The operations the API serves, and the answer to "is this request one of them?". */
final class RouteTable {
  private final Set<Operation> operations;
  private final List<Template> templates;

  private RouteTable(Set<Operation> operations, List<Template> templates) {
    this.operations = operations;
    this.templates = templates;
  }

  /** Fails on a repeated operation, so two services cannot claim the same method and path. */
  static RouteTable of(Collection<Operation> operations) {
    Map<String, Set<Method>> methodsByPath = new LinkedHashMap<>();
    for (Operation operation : operations) {
      if (!methodsByPath
          .computeIfAbsent(operation.path(), path -> new LinkedHashSet<>())
          .add(operation.method())) {
        throw new IllegalArgumentException("operation " + operation + " is declared twice");
      }
    }
    List<Template> templates = new ArrayList<>();
    methodsByPath.forEach(
        (path, methods) ->
            templates.add(new Template(path, PathMatchers.create(path), Set.copyOf(methods))));
    return new RouteTable(Set.copyOf(operations), List.copyOf(templates));
  }

  Set<Operation> operations() {
    return operations;
  }

  Match match(Method method, UriPath path) {
    Set<Method> allowed = new LinkedHashSet<>();
    String closest = null;
    for (Template template : templates) {
      if (template.matcher().match(path).accepted()) {
        if (template.methods().contains(method)) {
          return new Match.Routed(template.path());
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
    record Routed(String path) implements Match {}

    record UnknownPath() implements Match {}

    record WrongMethod(String path, List<Method> allowed) implements Match {}
  }
}
