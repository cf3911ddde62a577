package io.naap.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void codesAreStableLowercaseStrings() {
    assertThat(ErrorCode.NOT_FOUND.code()).isEqualTo("not_found");
    assertThat(ErrorCode.METHOD_NOT_ALLOWED.code()).isEqualTo("method_not_allowed");
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code))
        .allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"))
        .doesNotHaveDuplicates();
  }

  @Test
  void eachStatusBelongsToOneCode() {
    assertThat(Arrays.stream(ErrorCode.values()).map(code -> code.status().code()))
        .doesNotHaveDuplicates();
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::status))
        .allMatch(status -> status.code() >= 400);
  }

  @Test
  void mapsHelidonStatusesOntoTheCatalogue() {
    assertThat(ErrorCode.forStatus(Status.REQUEST_URI_TOO_LONG_414))
        .isEqualTo(ErrorCode.URI_TOO_LONG);
    assertThat(ErrorCode.forStatus(Status.SERVICE_UNAVAILABLE_503))
        .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void fallsBackByStatusFamilyOutsideTheCatalogue() {
    assertThat(ErrorCode.forStatus(Status.I_AM_A_TEAPOT_418)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ErrorCode.forStatus(Status.BAD_GATEWAY_502)).isEqualTo(ErrorCode.INTERNAL_ERROR);
  }
}
