package io.naap.api;

import io.helidon.http.Method;

/** An HTTP method on a path template: the unit the OpenAPI document and the routing both list. */
record Operation(Method method, String path) {
  @Override
  public String toString() {
    return method.text() + " " + path;
  }
}
